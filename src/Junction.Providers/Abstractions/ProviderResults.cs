using Junction.Core.Fallback;
using Junction.Core.Requests;

namespace Junction.Providers.Abstractions;

/// <summary>Tokens a provider billed for one call.</summary>
public sealed record Usage(int PromptTokens, int CompletionTokens, int CachedPromptTokens = 0, int ReasoningTokens = 0)
{
    public int TotalTokens => PromptTokens + CompletionTokens;

    /// <summary>
    /// Prompt tokens written to the provider's prompt cache (Anthropic's <c>cache_creation_input_tokens</c>), included in
    /// <see cref="PromptTokens"/>. They bill above the base input price: 1.25x for a 5-minute cache, 2x for a 1-hour one.
    /// </summary>
    public int CacheWriteTokens { get; init; }
}

/// <summary>
/// A failed attempt, classified. <see cref="Message"/> is safe to show a caller: adapters build it from the
/// provider's error body with credentials and URLs stripped.
/// </summary>
public sealed record ProviderError(ErrorKind Kind, int? Status, string Message, TimeSpan? RetryAfter = null);

/// <summary>A complete, non-streamed answer in canonical form.</summary>
public sealed record ChatCompletion
{
    /// <summary>The provider's response id.</summary>
    public required string Id { get; init; }

    /// <summary>The model name the provider reports.</summary>
    public required string Model { get; init; }

    public string? Content { get; init; }

    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>OpenAI vocabulary: <c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c>.</summary>
    public string? FinishReason { get; init; }

    /// <summary>
    /// The caller's stop sequence that ended the answer (finish reason <c>stop</c>), when the provider names it, as
    /// Anthropic's <c>stop_sequence</c> does; null when the answer ended otherwise or the provider does not say.
    /// </summary>
    public string? StopSequence { get; init; }

    public Usage? Usage { get; init; }
}

/// <summary>The outcome of a non-streamed call: a completion, or a classified error (never an exception).</summary>
public readonly record struct CompletionResult(ChatCompletion? Completion, ProviderError? Error)
{
    public bool IsSuccess => Completion is not null;

    public static CompletionResult Ok(ChatCompletion completion) => new(completion, null);

    public static CompletionResult Fail(ProviderError error) => new(null, error);
}

/// <summary>The kind of a <see cref="StreamEvent"/>.</summary>
public enum StreamEventKind
{
    /// <summary>A piece of assistant text.</summary>
    TextDelta,

    /// <summary>A piece of a tool call: <see cref="StreamEvent.ToolCallIndex"/> with id/name on its first piece, argument text after.</summary>
    ToolCallDelta,

    /// <summary>The model finished: <see cref="StreamEvent.FinishReason"/>, and <see cref="StreamEvent.StopSequence"/> when a named stop sequence ended it.</summary>
    Finish,

    /// <summary>Billed tokens, usually last.</summary>
    Usage,

    /// <summary>The stream failed (an error event in a 200 stream, a cut connection): <see cref="StreamEvent.Error"/>.</summary>
    Error,
}

/// <summary>One canonical stream event, translated from the provider's chunk format.</summary>
public readonly record struct StreamEvent(
    StreamEventKind Kind,
    string? Text = null,
    int ToolCallIndex = 0,
    string? ToolCallId = null,
    string? ToolName = null,
    string? FinishReason = null,
    Usage? Usage = null,
    ProviderError? Error = null,
    string? StopSequence = null);

/// <summary>
/// An open stream. Events arrive as the provider sends them; a failure after it opened arrives as an
/// <see cref="StreamEventKind.Error"/> event, never as an exception. Disposing it cancels the upstream call.
/// </summary>
public interface IProviderStream : IAsyncDisposable
{
    /// <summary>The provider's response id, once known.</summary>
    string? Id { get; }

    IAsyncEnumerable<StreamEvent> ReadAllAsync(CancellationToken cancellationToken);
}

/// <summary>The outcome of opening a stream: the stream, or a classified error before any content.</summary>
public readonly record struct StreamOpenResult(IProviderStream? Stream, ProviderError? Error)
{
    public bool IsSuccess => Stream is not null;
}
