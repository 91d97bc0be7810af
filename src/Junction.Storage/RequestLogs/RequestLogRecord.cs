using Junction.Core.Routing.Trace;

namespace Junction.Storage.RequestLogs;

/// <summary>Which ingress surface a request came in on.</summary>
public enum RequestSurface
{
    OpenAI,
    Anthropic,
    Native,
}

/// <summary>How a request ended.</summary>
public enum RequestOutcome
{
    Succeeded,

    /// <summary>Every attempt failed (see <see cref="RequestLogRecord.ErrorKind"/>).</summary>
    Failed,

    /// <summary>Refused before any provider call: policy, budget, rate limit (see <see cref="RequestLogRecord.DenialReason"/>).</summary>
    Denied,

    /// <summary>The client went away.</summary>
    Cancelled,
}

/// <summary>
/// One request as the request log keeps it. Bodies and the trace are optional: set <see cref="RequestBody"/> and
/// <see cref="ResponseBody"/> only when the tenant's logging mode and the request allow keeping them. The byte
/// buffers are read later, on the writer's thread: hand over buffers that nothing will change afterwards.
/// </summary>
public sealed record RequestLogRecord
{
    /// <summary>Unique per request (the gateway uses its trace id).</summary>
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    public string? KeyId { get; init; }

    /// <summary>When the request arrived (stored to the millisecond).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public RequestSurface Surface { get; init; }

    public string? PolicyFingerprint { get; init; }

    /// <summary>The model that served the request (or was last tried).</summary>
    public string? Model { get; init; }

    public string? Provider { get; init; }

    /// <summary>The attempts of the fallback cascade as a JSON array, as the gateway wrote it.</summary>
    public string? AttemptsJson { get; init; }

    public RequestOutcome Outcome { get; init; }

    /// <summary>The HTTP status the client received.</summary>
    public int HttpStatus { get; init; }

    /// <summary>The error kind's wire name (<c>rate_limited</c>, <c>timeout</c>, ...) when the request failed.</summary>
    public string? ErrorKind { get; init; }

    public int PromptTokens { get; init; }

    public int CompletionTokens { get; init; }

    public int CachedTokens { get; init; }

    public decimal? EstimatedCostUsd { get; init; }

    public decimal? ActualCostUsd { get; init; }

    public double? LatencyMs { get; init; }

    public double? TtftMs { get; init; }

    public string? DenialReason { get; init; }

    public string? TraceId { get; init; }

    /// <summary>The routing trace as UTF-8 JSON; returned by <see cref="IRequestLogReader.GetAsync"/>, not by searches.</summary>
    public ReadOnlyMemory<byte>? TraceJson { get; init; }

    /// <summary>
    /// The finished routing trace, for a record being written: when <see cref="TraceJson"/> or
    /// <see cref="AttemptsJson"/> is not set, the writer serializes them from it on its own thread, off the request's
    /// path. Hand over a trace nothing changes afterwards.
    /// </summary>
    public RouteTrace? Trace { get; init; }

    public ReadOnlyMemory<byte>? RequestBody { get; init; }

    public ReadOnlyMemory<byte>? ResponseBody { get; init; }
}
