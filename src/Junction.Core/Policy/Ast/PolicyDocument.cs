using System.Collections.Immutable;
using Junction.Core.Fallback;

namespace Junction.Core.Policy.Ast;

/// <summary>The <c>fallback</c> block. Null members were not set by this layer.</summary>
public sealed record FallbackSpec(int? MaxAttempts, ImmutableArray<ErrorKind>? On, int? AttemptTimeoutMs)
{
    public bool Equals(FallbackSpec? other) =>
        other is not null && MaxAttempts == other.MaxAttempts && AttemptTimeoutMs == other.AttemptTimeoutMs &&
        (On is null ? other.On is null : other.On is not null && On.Value.SequenceEqual(other.On.Value));

    public override int GetHashCode() => HashCode.Combine(MaxAttempts, AttemptTimeoutMs);
}

/// <summary>
/// A parsed <c>junction-pol/v1</c> policy: one layer's document. Every member is optional; null means
/// "not set by this layer" (host defaults or a less specific layer apply).
/// </summary>
public sealed record PolicyDocument
{
    /// <summary>The version every policy of this language carries.</summary>
    public const string CurrentVersion = "junction-pol/v1";

    public static readonly PolicyDocument Empty = new();

    public Predicate? Filter { get; init; }

    public Scorer? Rank { get; init; }

    public Selection? Select { get; init; }

    public FallbackSpec? Fallback { get; init; }

    /// <summary>USD per request.</summary>
    public double? MaxCost { get; init; }

    public bool? NoLog { get; init; }

    /// <summary>
    /// Members this layer locks (<c>"lock": ["rank", "select"]</c>): a more specific layer cannot replace them.
    /// Null when the layer locks nothing.
    /// </summary>
    public PolicyLocks? Lock { get; init; }
}

/// <summary>The members a layer can lock against more specific layers.</summary>
[Flags]
public enum PolicyLocks
{
    None = 0,
    Rank = 1,
    Select = 2,
}
