using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Junction.Simulator.Behaviour;
using Junction.Simulator.Http;
using Junction.Simulator.Text;
using Microsoft.AspNetCore.Http;

namespace Junction.Simulator.OpenAI;

/// <summary>
/// Streams a reply as OpenAI does: headers and the role chunk after the time to first token, one delta per
/// token at the model's pace, each flushed as written, then finish, optional usage and <c>[DONE]</c>.
/// A <c>cut_after</c> or <c>error_event_after</c> fault breaks the stream after that many deltas.
/// </summary>
internal static class ChatCompletionStream
{
    /// <summary>Characters of tool-call arguments per delta, about what OpenAI sends.</summary>
    private const int ArgumentFragmentLength = 8;

    public static async Task WriteAsync(HttpContext context, ChatCompletionRequest request, Reply reply, CompletionHead head,
        BehaviourSettings behaviour, Fault? fault, TimeProvider time, CancellationToken cancellationToken)
    {
        await TokenPacer.DelayAsync(behaviour.TtftMs, time, cancellationToken).ConfigureAwait(false);

        var response = context.Response;
        ServerSentEvents.Start(response);
        if (fault?.Kind == FaultKind.CutAfter)
        {
            // A length the stream never reaches: Kestrel then closes the connection after what was sent
            // (Content-Length mismatch) instead of ending the chunked body. context.Abort() would be a reset
            // that can discard chunks already written but not yet on the wire.
            response.ContentLength = int.MaxValue;
        }
        var output = response.BodyWriter;
        var includeUsage = request.IncludeUsage;
        var deltaLimit = fault?.Kind is FaultKind.CutAfter or FaultKind.ErrorEventAfter ? fault.Count : int.MaxValue;

        var writer = BeginEvent(output);
        ChatCompletionChunkWriter.WriteRole(writer, head, includeUsage, reply.ToolCall);
        EndEvent(output, writer);
        if (!await FlushAsync(output, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var pacer = new TokenPacer(time, behaviour.TokensPerSecond);
        var completed = reply.ToolCall is { } call
            ? await WriteArgumentDeltasAsync(output, head, includeUsage, call.Arguments, deltaLimit, pacer, cancellationToken).ConfigureAwait(false)
            : await WriteTextDeltasAsync(output, head, includeUsage, reply.Text, deltaLimit, pacer, cancellationToken).ConfigureAwait(false);
        if (!completed)
        {
            return;
        }

        if (fault?.Kind == FaultKind.CutAfter)
        {
            return;
        }
        if (fault?.Kind == FaultKind.ErrorEventAfter)
        {
            writer = BeginEvent(output);
            OpenAIErrorWriter.WriteBody(writer, OpenAIError.ForFault(500, fault.Code, fault.Type, fault.Message, head.Model));
            EndEvent(output, writer);
            await FlushAsync(output, cancellationToken).ConfigureAwait(false);
            return;
        }

        writer = BeginEvent(output);
        ChatCompletionChunkWriter.WriteFinish(writer, head, includeUsage, reply.Finish);
        EndEvent(output, writer);
        if (includeUsage)
        {
            writer = BeginEvent(output);
            ChatCompletionChunkWriter.WriteUsage(writer, head, request.PromptTokens, reply.CompletionTokens);
            EndEvent(output, writer);
        }
        ServerSentEvents.WriteDone(output);
        await FlushAsync(output, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> WriteTextDeltasAsync(PipeWriter output, CompletionHead head, bool includeUsage, ReplyText text,
        int deltaLimit, TokenPacer pacer, CancellationToken cancellationToken)
    {
        var token = ArrayPool<byte>.Shared.Rent(text.MaxTokenLength);
        try
        {
            for (var i = 0; i < text.TokenCount && i < deltaLimit; i++)
            {
                await pacer.WaitForTokenAsync(i, cancellationToken).ConfigureAwait(false);
                var length = text.WriteToken(i, token);
                var writer = BeginEvent(output);
                ChatCompletionChunkWriter.WriteContent(writer, head, includeUsage, token.AsSpan(0, length));
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

    private static async Task<bool> WriteArgumentDeltasAsync(PipeWriter output, CompletionHead head, bool includeUsage, string arguments,
        int deltaLimit, TokenPacer pacer, CancellationToken cancellationToken)
    {
        var offset = 0;
        for (var i = 0; offset < arguments.Length && i < deltaLimit; i++)
        {
            await pacer.WaitForTokenAsync(i, cancellationToken).ConfigureAwait(false);
            var length = Math.Min(ArgumentFragmentLength, arguments.Length - offset);
            // Never split a surrogate pair between two deltas.
            if (offset + length < arguments.Length && char.IsHighSurrogate(arguments[offset + length - 1]))
            {
                length++;
            }
            var writer = BeginEvent(output);
            ChatCompletionChunkWriter.WriteToolArguments(writer, head, includeUsage, arguments.AsSpan(offset, length));
            EndEvent(output, writer);
            offset += length;
            if (!await FlushAsync(output, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }
        return true;
    }

    private static Utf8JsonWriter BeginEvent(PipeWriter output)
    {
        ServerSentEvents.BeginData(output);
        return OpenAIJson.Rent(output);
    }

    private static void EndEvent(PipeWriter output, Utf8JsonWriter writer)
    {
        OpenAIJson.Return(writer);
        ServerSentEvents.EndEvent(output);
    }

    /// <summary>Sends what is buffered; false when the client has gone.</summary>
    private static async ValueTask<bool> FlushAsync(PipeWriter output, CancellationToken cancellationToken)
    {
        var result = await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return !result.IsCanceled && !result.IsCompleted;
    }
}
