using Junction.Core.Fallback;

namespace Junction.Core.Live;

/// <summary>
/// What one provider attempt showed about a model, reported when the attempt ends. The time of the
/// observation is the <see cref="LiveStatsState"/>'s clock at <see cref="LiveStatsState.Record"/>.
/// </summary>
public readonly record struct AttemptObservation
{
    /// <summary>Why the attempt failed, or null when it succeeded.</summary>
    public ErrorKind? Error { get; init; }

    /// <summary>From sending the request to the end of the response (the last chunk of a stream), in ms.</summary>
    public double LatencyMs { get; init; }

    /// <summary>Time to the first content token, in ms, where it was measured (streams).</summary>
    public double? TtftMs { get; init; }

    /// <summary>Output tokens the provider reported.</summary>
    public int OutputTokens { get; init; }

    /// <summary>From the first to the last content token, in ms, where measured; with <see cref="OutputTokens"/> it gives tokens/s.</summary>
    public double? GenerationMs { get; init; }

    /// <summary>True when the attempt returned an answer.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>A successful attempt.</summary>
    public static AttemptObservation Success(double latencyMs, double? ttftMs = null, int outputTokens = 0, double? generationMs = null) =>
        new() { LatencyMs = latencyMs, TtftMs = ttftMs, OutputTokens = outputTokens, GenerationMs = generationMs };

    /// <summary>A failed attempt, classified.</summary>
    public static AttemptObservation Failure(ErrorKind error, double latencyMs = 0) =>
        new() { Error = error, LatencyMs = latencyMs };
}
