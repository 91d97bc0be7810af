using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Junction.Simulator.Behaviour;
using Junction.Simulator.Http;
using Junction.Simulator.OpenAI;
using Junction.Simulator.Text;
using Microsoft.AspNetCore.Http;

namespace Junction.Simulator.Gemini;

/// <summary>
/// Streams a reply as <c>streamGenerateContent?alt=sse</c> does: headers and the first chunk after the time to first
/// token, one chunk per token at the model's pace, each flushed as written, events ended by <c>\r\n\r\n</c> as
/// Google ends them, and no end marker: the last chunk carries <c>finishReason</c> and the usage, then the stream
/// closes. A <c>cut_after</c> or <c>error_event_after</c> fault sends that many chunks, none of them final, then
/// breaks the stream.
/// </summary>
internal static class GenerateContentStream
{
    public static async Task WriteAsync(HttpContext context, GenerateContentRequest request, Reply reply, GeminiHead head,
        BehaviourSettings behaviour, Fault? fault, TimeProvider time, CancellationToken cancellationToken)
    {
        await TokenPacer.DelayAsync(behaviour.TtftMs, time, cancellationToken).ConfigureAwait(false);

        var response = context.Response;
        ServerSentEvents.Start(response);
        var breaks = fault?.Kind is FaultKind.CutAfter or FaultKind.ErrorEventAfter;
        if (fault?.Kind == FaultKind.CutAfter)
        {
            // A length the stream never reaches: Kestrel then closes the connection after what was sent (see the
            // OpenAI stream), so the client reliably reads the chunks before the break.
            response.ContentLength = int.MaxValue;
        }

        var output = response.BodyWriter;
        var chunkLimit = breaks ? fault!.Count : int.MaxValue;
        var completed = reply.ToolCall is { } call
            ? await WriteFunctionCallAsync(output, head, request.PromptTokens, call, chunkLimit, final: !breaks, cancellationToken).ConfigureAwait(false)
            : await WriteTextAsync(output, head, request.PromptTokens, reply, chunkLimit, final: !breaks, new TokenPacer(time, behaviour.TokensPerSecond), cancellationToken).ConfigureAwait(false);
        if (!completed || fault?.Kind != FaultKind.ErrorEventAfter)
        {
            return;
        }

        var writer = BeginEvent(output);
        GeminiErrorWriter.WriteBody(writer, GeminiError.ForFault(500, fault.Code, fault.Type, fault.Message, null, head.Model, request.PromptTokens));
        EndEvent(output, writer);
        await FlushAsync(output, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> WriteTextAsync(PipeWriter output, GeminiHead head, int promptTokens, Reply reply, int chunkLimit,
        bool final, TokenPacer pacer, CancellationToken cancellationToken)
    {
        var text = reply.Text;
        if (text.TokenCount == 0)
        {
            // Nothing to say (a zero-token reply): one chunk with the finish reason and no parts.
            if (final)
            {
                var writer = BeginEvent(output);
                GenerateContentWriter.WriteTextChunk(writer, head, promptTokens, default, reply.Finish, reply.CompletionTokens);
                EndEvent(output, writer);
            }

            return await FlushAsync(output, cancellationToken).ConfigureAwait(false);
        }

        var token = ArrayPool<byte>.Shared.Rent(text.MaxTokenLength);
        try
        {
            for (var i = 0; i < text.TokenCount && i < chunkLimit; i++)
            {
                await pacer.WaitForTokenAsync(i, cancellationToken).ConfigureAwait(false);
                var length = text.WriteToken(i, token);
                FinishReason? finish = final && i == text.TokenCount - 1 ? reply.Finish : null;
                var writer = BeginEvent(output);
                GenerateContentWriter.WriteTextChunk(writer, head, promptTokens, token.AsSpan(0, length), finish, reply.CompletionTokens);
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

    private static async Task<bool> WriteFunctionCallAsync(PipeWriter output, GeminiHead head, int promptTokens, ToolCall call, int chunkLimit,
        bool final, CancellationToken cancellationToken)
    {
        if (chunkLimit > 0)
        {
            var writer = BeginEvent(output);
            GenerateContentWriter.WriteFunctionCallChunk(writer, head, promptTokens, call, final);
            EndEvent(output, writer);
        }

        return await FlushAsync(output, cancellationToken).ConfigureAwait(false);
    }

    private static Utf8JsonWriter BeginEvent(PipeWriter output)
    {
        ServerSentEvents.BeginData(output);
        return OpenAIJson.Rent(output);
    }

    private static void EndEvent(PipeWriter output, Utf8JsonWriter writer)
    {
        OpenAIJson.Return(writer);
        output.Write("\r\n\r\n"u8);
    }

    /// <summary>Sends what is buffered; false when the client has gone.</summary>
    private static async ValueTask<bool> FlushAsync(PipeWriter output, CancellationToken cancellationToken)
    {
        var result = await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return !result.IsCanceled && !result.IsCompleted;
    }
}
