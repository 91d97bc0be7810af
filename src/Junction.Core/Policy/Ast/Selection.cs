using System.Collections.Immutable;

namespace Junction.Core.Policy.Ast;

/// <summary>How one model is chosen among the ranked survivors.</summary>
public abstract record Selection;

/// <summary><c>["argmax"]</c>: the top-ranked survivor.</summary>
public sealed record ArgmaxSelection : Selection;

/// <summary><c>["pin", model]</c>: exactly this model (what <c>force_model</c> compiles to).</summary>
public sealed record PinSelection(string Model) : Selection;

/// <summary>One arm of a <see cref="SplitSelection"/>.</summary>
public sealed record SplitArm(string Model, double Weight);

/// <summary><c>["split", [[model, weight], ...]]</c>: weighted assignment, sticky per request key.</summary>
public sealed record SplitSelection(ImmutableArray<SplitArm> Arms) : Selection
{
    public bool Equals(SplitSelection? other) => other is not null && Arms.SequenceEqual(other.Arms);

    public override int GetHashCode() => Arms.Length;
}
