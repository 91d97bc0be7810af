using Junction.Core.Policy.Ast;

namespace Junction.Core.Routing.Evaluation;

/// <summary>How the effective <c>select</c> picks among the ranked survivors.</summary>
internal enum SelectionKind : byte
{
    Argmax,
    Pin,
    Split,
}

/// <summary>The effective selection, with split arms in model-id order so equal policies pick alike.</summary>
internal sealed class SelectionPlan
{
    private SelectionPlan(SelectionKind kind, string? pinned, SplitArm[] arms)
    {
        Kind = kind;
        Pinned = pinned;
        Arms = arms;
    }

    public SelectionKind Kind { get; }

    /// <summary>The pinned model id for <see cref="SelectionKind.Pin"/>.</summary>
    public string? Pinned { get; }

    /// <summary>The arms of <see cref="SelectionKind.Split"/>, sorted by model id (ordinal).</summary>
    public SplitArm[] Arms { get; }

    public static SelectionPlan From(Selection selection) => selection switch
    {
        PinSelection pin => new(SelectionKind.Pin, pin.Model, []),
        SplitSelection split => new(SelectionKind.Split, null, [.. split.Arms.OrderBy(a => a.Model, StringComparer.Ordinal)]),
        _ => new(SelectionKind.Argmax, null, []),
    };
}
