using System.Collections.Immutable;

namespace Junction.Core.Policy.Ast;

/// <summary>A ranking term of <c>junction-pol/v1</c>; higher scores rank first.</summary>
public abstract record Scorer;

/// <summary><c>["field", f]</c>: the numeric value of a field.</summary>
public sealed record FieldScorer(string Field) : Scorer;

/// <summary><c>["normalize", S]</c>: min-max over the survivors, to 0..1 (all equal gives 0).</summary>
public sealed record NormalizeScorer(Scorer Inner) : Scorer;

/// <summary><c>["neg", S]</c>.</summary>
public sealed record NegScorer(Scorer Inner) : Scorer;

/// <summary><c>["const", k]</c>.</summary>
public sealed record ConstScorer(double Value) : Scorer;

/// <summary>One term of a <see cref="WeightedScorer"/>.</summary>
public sealed record WeightedTerm(double Weight, Scorer Scorer);

/// <summary><c>["weighted", [[w, S], ...]]</c>: the weighted sum of its terms.</summary>
public sealed record WeightedScorer(ImmutableArray<WeightedTerm> Terms) : Scorer
{
    public bool Equals(WeightedScorer? other) => other is not null && Terms.SequenceEqual(other.Terms);

    public override int GetHashCode() => Terms.Length;
}
