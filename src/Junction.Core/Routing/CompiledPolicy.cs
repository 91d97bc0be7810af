using Junction.Core.Fallback;

namespace Junction.Core.Routing;

/// <summary>A layer's identity in the trace.</summary>
public sealed record LayerFingerprint(string Source, string Fingerprint);

/// <summary>
/// The effective policy of a set of layers, compiled for fast evaluation and cached by fingerprint.
/// Immutable and shared across requests.
/// </summary>
public sealed partial class CompiledPolicy
{
    /// <summary>Fingerprint of the effective policy: <c>pol_</c> + 12 hex digits.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Canonical JSON of the effective policy.</summary>
    public required string CanonicalJson { get; init; }

    /// <summary>Each layer's source and fingerprint, most general first.</summary>
    public required IReadOnlyList<LayerFingerprint> Layers { get; init; }

    /// <summary>The smallest <c>max_cost</c> of any layer, USD per request.</summary>
    public double? MaxCost { get; init; }

    /// <summary>True when any layer set <c>no_log</c>.</summary>
    public bool NoLog { get; init; }

    /// <summary>The smallest <c>max_attempts</c> of any layer (host default when none set it).</summary>
    public int MaxAttempts { get; init; }

    public IReadOnlyList<ErrorKind> FallbackOn { get; init; } = [];

    public int? AttemptTimeoutMs { get; init; }
}
