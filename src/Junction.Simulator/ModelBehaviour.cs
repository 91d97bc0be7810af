namespace Junction.Simulator;

/// <summary>How one simulated model answers: pacing, reply length and an optional injected fault.</summary>
public sealed class ModelBehaviour
{
    /// <summary>Non-streamed: total time before the response is sent.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Streamed: time before the first chunk (and the response headers) are sent.</summary>
    public int TtftMs { get; set; }

    /// <summary>Streamed: pace after the first token; 0 or less sends as fast as possible.</summary>
    public double TokensPerSecond { get; set; }

    /// <summary>Reply length in tokens when <c>max_tokens</c> allows.</summary>
    public int OutputTokens { get; set; } = 24;

    /// <summary>A fault to inject instead of (or in the middle of) the answer.</summary>
    public FaultSpec? Fault { get; set; }
}
