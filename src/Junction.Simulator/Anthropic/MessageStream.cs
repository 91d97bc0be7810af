using System.IO.Pipelines;
using Junction.Simulator.Behaviour;
using Junction.Simulator.Pipeline;
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
    public static async Task WriteAsync(HttpContext context, MessagesRequest request, Reply reply, MessageHead head,
        BehaviourSettings behaviour, Fault? fault, TimeProvider time, CancellationToken cancellationToken)
    {
        await TokenPacer.DelayAsync(behaviour.TtftMs, time, cancellationToken).ConfigureAwait(false);

        var output = EventStream.Start(context.Response, fault);
        var deltaLimit = EventStream.DeltaLimit(fault);

        var writer = EventStream.Begin(output, "message_start"u8);
        MessageEventWriter.WriteMessageStart(writer, head, request.InputTokens);
        EventStream.End(output, writer);
        writer = EventStream.Begin(output, "content_block_start"u8);
        MessageEventWriter.WriteBlockStart(writer, reply.ToolCall);
        EventStream.End(output, writer);
        writer = EventStream.Begin(output, "ping"u8);
        MessageEventWriter.WritePing(writer);
        EventStream.End(output, writer);
        if (!await EventStream.FlushAsync(output, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var pacer = new TokenPacer(time, behaviour.TokensPerSecond);
        var completed = reply.ToolCall is { } call
            ? await EventStream.WriteArgumentDeltasAsync(output, default(DeltaFrames), call.Arguments, deltaLimit, pacer, cancellationToken).ConfigureAwait(false)
            : await EventStream.WriteTextDeltasAsync(output, default(DeltaFrames), reply.Text, deltaLimit, pacer, cancellationToken).ConfigureAwait(false);
        if (!completed || fault?.Kind == FaultKind.CutAfter)
        {
            return;
        }

        if (fault?.Kind == FaultKind.ErrorEventAfter)
        {
            writer = EventStream.Begin(output, "error"u8);
            MessageEventWriter.WriteError(writer, ErrorEventFault(fault, head.Model));
            EventStream.End(output, writer);
            await EventStream.FlushAsync(output, cancellationToken).ConfigureAwait(false);
            return;
        }

        writer = EventStream.Begin(output, "content_block_stop"u8);
        MessageEventWriter.WriteBlockStop(writer);
        EventStream.End(output, writer);
        writer = EventStream.Begin(output, "message_delta"u8);
        MessageEventWriter.WriteMessageDelta(writer, reply.Finish, reply.StopSequence, request.InputTokens, reply.CompletionTokens);
        EventStream.End(output, writer);
        writer = EventStream.Begin(output, "message_stop"u8);
        MessageEventWriter.WriteMessageStop(writer);
        EventStream.End(output, writer);
        await EventStream.FlushAsync(output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What an <c>error_event_after</c> fault reports: Anthropic's usual mid-stream failure, an overload.</summary>
    public static AnthropicError ErrorEventFault(Fault fault, string model) =>
        AnthropicError.ForFault(529, fault.Code, fault.Type, fault.Message, model);

    private readonly struct DeltaFrames : ITextDeltaFrames, IArgumentDeltaFrames
    {
        public void WriteText(PipeWriter output, ReadOnlySpan<byte> token, bool last)
        {
            var writer = EventStream.Begin(output, "content_block_delta"u8);
            MessageEventWriter.WriteTextDelta(writer, token);
            EventStream.End(output, writer);
        }

        public void WriteArguments(PipeWriter output, ReadOnlySpan<char> fragment)
        {
            var writer = EventStream.Begin(output, "content_block_delta"u8);
            MessageEventWriter.WriteInputDelta(writer, fragment);
            EventStream.End(output, writer);
        }
    }
}
