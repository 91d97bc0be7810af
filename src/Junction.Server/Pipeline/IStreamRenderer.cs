using Junction.Providers.Abstractions;
using Junction.Server.Ingress.OpenAI;

namespace Junction.Server.Pipeline;

/// <summary>
/// Writes one surface's streaming dialect (OpenAI chunks, Anthropic events, native SSE) from the canonical events
/// <see cref="GatewayPipeline"/> drives. Start, finish and failure flush what they wrote; deltas are buffered by
/// <see cref="Write"/> and sent by <see cref="FlushAsync"/>, which the pipeline calls whenever it has no further upstream
/// event in hand: a token reaches the caller as soon as nothing follows it yet, and a burst that arrived in one read
/// leaves in one write instead of one system call per delta. Disposing returns its pooled buffers.
/// </summary>
internal interface IStreamRenderer : IDisposable
{
    /// <summary>The stream opened: headers are set, nothing is written yet. Starts the response.</summary>
    ValueTask StartAsync(StreamStart start, CancellationToken cancellationToken);

    /// <summary>A text or tool-call delta, buffered until <see cref="FlushAsync"/>.</summary>
    void Write(StreamEvent e);

    /// <summary>Sends the buffered deltas.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken);

    /// <summary>The model finished; <see cref="StreamFinish.Usage"/> is what the provider billed (null if it never said).</summary>
    ValueTask FinishAsync(StreamFinish finish, CancellationToken cancellationToken);

    /// <summary>The upstream failed after the stream started; ends the stream with the dialect's error event.</summary>
    ValueTask FailAsync(ApiError error, CancellationToken cancellationToken);
}

/// <summary>What a renderer knows when the stream opens.</summary>
internal readonly record struct StreamStart(string Id, string Model, string Provider, double EstimatedCost, string TraceId, int EstimatedPromptTokens);

/// <summary>
/// How a stream ended well: the finish reason (OpenAI vocabulary), usage, the served info, and the stop sequence that
/// ended it when the provider named one (<see cref="ChatCompletion.StopSequence"/>).
/// </summary>
internal readonly record struct StreamFinish(string FinishReason, Usage? Usage, ServedInfo Served, double? TtftMs, string? StopSequence = null);
