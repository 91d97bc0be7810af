using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Junction.Simulator.Behaviour;
using Junction.Simulator.Http;
using Junction.Simulator.Text;
using Microsoft.AspNetCore.Http;

namespace Junction.Simulator.Anthropic;

/// <summary>
/// Streams a reply as Anthropic does: after the time to first token, <c>message_start</c>, the block start and a
/// <c>ping</c>; one delta per token at the model's pace, each flushed as written; then the block stop,
/// <c>message_delta</c> and <c>message_stop</c>. A <c>cut_after</c> or <c>error_event_after</c> fault breaks the stream
/// after that many deltas.
/// </summary>
internal static class MessageStream
{
    /// <summary>Characters of tool input per delta, as the OpenAI dialect sends its argument fragments.</summary>
    private const int InputFragmentLength = 8;

    public static async Task WriteAsync(HttpContext context, MessagesRequest request, Reply reply, MessageHead head,
        BehaviourSettings behaviour, Fault? fault, TimeProvider time, CancellationToken cancellationToken)
    {
        await TokenPacer.DelayAsync(behaviour.TtftMs, time, cancellationToken).ConfigureAwait(false);

        var response = context.Response;
        ServerSentEvents.Start(response);
        if (fault?.Kind == FaultKind.CutAfter)
        {
            // A length the stream never reaches: Kestrel then closes the connection after what was sent, as in the
            // OpenAI dialect (see ChatCompletionStream).
            response.ContentLength = int.MaxValue;
        }
        var output = response.BodyWriter;
        var deltaLimit = fault?.Kind is FaultKind.CutAfter or FaultKind.ErrorEventAfter ? fault.Count : int.MaxValue;

        var writer = BeginEvent(output, "message_start"u8);
        MessageEventWriter.WriteMessageStart(writer, head, request.InputTokens);
        EndEvent(output, writer);
        writer = BeginEvent(output, "content_block_start"u8);
        MessageEventWriter.WriteBlockStart(writer, reply.ToolCall);
        EndEvent(output, writer);
        writer = BeginEvent(output, "ping"u8);
        MessageEventWriter.WritePing(writer);
        EndEvent(output, writer);
        if (!await FlushAsync(output, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var pacer = new TokenPacer(time, behaviour.TokensPerSecond);
        var completed = reply.ToolCall is { } call
            ? await WriteInputDeltasAsync(output, call.Arguments, deltaLimit, pacer, cancellationToken).ConfigureAwait(false)
            : await WriteTextDeltasAsync(output, reply.Text, deltaLimit, pacer, cancellationToken).ConfigureAwait(false);
        if (!completed || fault?.Kind == FaultKind.CutAfter)
        {
            return;
        }
        if (fault?.Kind == FaultKind.ErrorEventAfter)
        {
            writer = BeginEvent(output, "error"u8);
            MessageEventWriter.WriteError(writer, ErrorEventFault(fault, head.Model));
            EndEvent(output, writer);
            await FlushAsync(output, cancellationToken).ConfigureAwait(false);
            return;
        }

        writer = BeginEvent(output, "content_block_stop"u8);
        MessageEventWriter.WriteBlockStop(writer);
        EndEvent(output, writer);
        writer = BeginEvent(output, "message_delta"u8);
        MessageEventWriter.WriteMessageDelta(writer, reply.Finish, request.InputTokens, reply.CompletionTokens);
        EndEvent(output, writer);
        writer = BeginEvent(output, "message_stop"u8);
        MessageEventWriter.WriteMessageStop(writer);
        EndEvent(output, writer);
        await FlushAsync(output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What an <c>error_event_after</c> fault reports: Anthropic's usual mid-stream failure, an overload.</summary>
    public static AnthropicError ErrorEventFault(Fault fault, string model) =>
        AnthropicError.ForFault(529, fault.Code, fault.Type, fault.Message, model);

    private static async Task<bool> WriteTextDeltasAsync(PipeWriter output, ReplyText text, int deltaLimit, TokenPacer pacer, CancellationToken cancellationToken)
    {
        var token = ArrayPool<byte>.Shared.Rent(text.MaxTokenLength);
        try
        {
            for (var i = 0; i < text.TokenCount && i < deltaLimit; i++)
            {
                await pacer.WaitForTokenAsync(i, cancellationToken).ConfigureAwait(false);
                var length = text.WriteToken(i, token);
                var writer = BeginEvent(output, "content_block_delta"u8);
                MessageEventWriter.WriteTextDelta(writer, token.AsSpan(0, length));
                EndEvent(output, writer);
                if (!await FlushAsync(output, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }
            }
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(token);
        }
    }

    private static async Task<bool> WriteInputDeltasAsync(PipeWriter output, string arguments, int deltaLimit, TokenPacer pacer, CancellationToken cancellationToken)
    {
        var offset = 0;
        for (var i = 0; offset < arguments.Length && i < deltaLimit; i++)
        {
            await pacer.WaitForTokenAsync(i, cancellationToken).ConfigureAwait(false);
            var length = Math.Min(InputFragmentLength, arguments.Length - offset);
            // Never split a surrogate pair between two deltas.
            if (offset + length < arguments.Length && char.IsHighSurrogate(arguments[offset + length - 1]))
            {
                length++;
            }
            var writer = BeginEvent(output, "content_block_delta"u8);
            MessageEventWriter.WriteInputDelta(writer, arguments.AsSpan(offset, length));
            EndEvent(output, writer);
            offset += length;
            if (!await FlushAsync(output, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }
        return true;
    }

    private static Utf8JsonWriter BeginEvent(PipeWriter output, ReadOnlySpan<byte> name)
    {
        output.Write("event: "u8);
        output.Write(name);
        output.Write("\n"u8);
        ServerSentEvents.BeginData(output);
        return AnthropicJson.Rent(output);
    }

    private static void EndEvent(PipeWriter output, Utf8JsonWriter writer)
    {
        AnthropicJson.Return(writer);
        ServerSentEvents.EndEvent(output);
    }

    /// <summary>Sends what is buffered; false when the client has gone.</summary>
    private static async ValueTask<bool> FlushAsync(PipeWriter output, CancellationToken cancellationToken)
    {
        var result = await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return !result.IsCanceled && !result.IsCompleted;
    }
}
