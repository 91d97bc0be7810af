using System.IO.Pipelines;
using Junction.Simulator.Behaviour;
using Junction.Simulator.Http;
using Junction.Simulator.Pipeline;
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
    public static async Task WriteAsync(HttpContext context, ChatCompletionRequest request, Reply reply, CompletionHead head,
        BehaviourSettings behaviour, Fault? fault, TimeProvider time, CancellationToken cancellationToken)
    {
        await TokenPacer.DelayAsync(behaviour.TtftMs, time, cancellationToken).ConfigureAwait(false);

        var output = EventStream.Start(context.Response, fault);
        var includeUsage = request.IncludeUsage;
        var deltaLimit = EventStream.DeltaLimit(fault);

        var writer = EventStream.Begin(output);
        ChatCompletionChunkWriter.WriteRole(writer, head, includeUsage, reply.ToolCall);
        EventStream.End(output, writer);
        if (!await EventStream.FlushAsync(output, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var pacer = new TokenPacer(time, behaviour.TokensPerSecond);
        var frames = new DeltaFrames(head, includeUsage);
        var completed = reply.ToolCall is { } call
            ? await EventStream.WriteArgumentDeltasAsync(output, frames, call.Arguments, deltaLimit, pacer, cancellationToken).ConfigureAwait(false)
            : await EventStream.WriteTextDeltasAsync(output, frames, reply.Text, deltaLimit, pacer, cancellationToken).ConfigureAwait(false);
        if (!completed || fault?.Kind == FaultKind.CutAfter)
        {
            return;
        }

        if (fault?.Kind == FaultKind.ErrorEventAfter)
        {
            writer = EventStream.Begin(output);
            OpenAIErrorWriter.WriteBody(writer, OpenAIError.ForFault(500, fault.Code, fault.Type, fault.Message, head.Model));
            EventStream.End(output, writer);
            await EventStream.FlushAsync(output, cancellationToken).ConfigureAwait(false);
            return;
        }

        writer = EventStream.Begin(output);
        ChatCompletionChunkWriter.WriteFinish(writer, head, includeUsage, reply.Finish);
        EventStream.End(output, writer);
        if (includeUsage)
        {
            writer = EventStream.Begin(output);
            ChatCompletionChunkWriter.WriteUsage(writer, head, request.PromptTokens, reply.CompletionTokens);
            EventStream.End(output, writer);
        }

        ServerSentEvents.WriteDone(output);
        await EventStream.FlushAsync(output, cancellationToken).ConfigureAwait(false);
    }

    private readonly struct DeltaFrames(CompletionHead head, bool includeUsage) : ITextDeltaFrames, IArgumentDeltaFrames
    {
        public void WriteText(PipeWriter output, ReadOnlySpan<byte> token, bool last)
        {
            var writer = EventStream.Begin(output);
            ChatCompletionChunkWriter.WriteContent(writer, head, includeUsage, token);
            EventStream.End(output, writer);
        }

        public void WriteArguments(PipeWriter output, ReadOnlySpan<char> fragment)
        {
            var writer = EventStream.Begin(output);
            ChatCompletionChunkWriter.WriteToolArguments(writer, head, includeUsage, fragment);
            EventStream.End(output, writer);
        }
    }
}
