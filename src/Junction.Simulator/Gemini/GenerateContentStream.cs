using System.IO.Pipelines;
using Junction.Simulator.Behaviour;
using Junction.Simulator.Pipeline;
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
    private static ReadOnlySpan<byte> Separator => "\r\n\r\n"u8;

    public static async Task WriteAsync(HttpContext context, GenerateContentRequest request, Reply reply, GeminiHead head,
        BehaviourSettings behaviour, Fault? fault, TimeProvider time, CancellationToken cancellationToken)
    {
        await TokenPacer.DelayAsync(behaviour.TtftMs, time, cancellationToken).ConfigureAwait(false);

        var output = EventStream.Start(context.Response, fault);
        var breaks = fault?.Kind is FaultKind.CutAfter or FaultKind.ErrorEventAfter;
        var chunkLimit = EventStream.DeltaLimit(fault);
        var completed = reply.ToolCall is { } call
            ? await WriteFunctionCallAsync(output, head, request.PromptTokens, call, chunkLimit, final: !breaks, cancellationToken).ConfigureAwait(false)
            : await WriteTextAsync(output, head, request.PromptTokens, reply, chunkLimit, final: !breaks, new TokenPacer(time, behaviour.TokensPerSecond), cancellationToken).ConfigureAwait(false);
        if (!completed || fault?.Kind != FaultKind.ErrorEventAfter)
        {
            return;
        }

        var writer = EventStream.Begin(output);
        GeminiErrorWriter.WriteBody(writer, GeminiError.ForFault(500, fault.Code, fault.Type, fault.Message, null, head.Model, request.PromptTokens));
        EventStream.End(output, writer, Separator);
        await EventStream.FlushAsync(output, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> WriteTextAsync(PipeWriter output, GeminiHead head, int promptTokens, Reply reply, int chunkLimit,
        bool final, TokenPacer pacer, CancellationToken cancellationToken)
    {
        if (reply.Text.TokenCount == 0)
        {
            // Nothing to say (a zero-token reply): one chunk with the finish reason and no parts.
            if (final)
            {
                var writer = EventStream.Begin(output);
                GenerateContentWriter.WriteTextChunk(writer, head, promptTokens, default, reply.Finish, reply.CompletionTokens);
                EventStream.End(output, writer, Separator);
            }

            return await EventStream.FlushAsync(output, cancellationToken).ConfigureAwait(false);
        }

        var frames = new TextFrames(head, promptTokens, final ? reply.Finish : null, reply.CompletionTokens);
        return await EventStream.WriteTextDeltasAsync(output, frames, reply.Text, chunkLimit, pacer, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> WriteFunctionCallAsync(PipeWriter output, GeminiHead head, int promptTokens, ToolCall call, int chunkLimit,
        bool final, CancellationToken cancellationToken)
    {
        if (chunkLimit > 0)
        {
            var writer = EventStream.Begin(output);
            GenerateContentWriter.WriteFunctionCallChunk(writer, head, promptTokens, call, final);
            EventStream.End(output, writer, Separator);
        }

        return await EventStream.FlushAsync(output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One chunk per token; the last carries the finish reason when the stream ends well.</summary>
    private readonly struct TextFrames(GeminiHead head, int promptTokens, FinishReason? finish, int completionTokens) : ITextDeltaFrames
    {
        public void WriteText(PipeWriter output, ReadOnlySpan<byte> token, bool last)
        {
            var writer = EventStream.Begin(output);
            GenerateContentWriter.WriteTextChunk(writer, head, promptTokens, token, last ? finish : null, completionTokens);
            EventStream.End(output, writer, Separator);
        }
    }
}
