using System.Collections.Immutable;
using Junction.Core.Fallback;
using Junction.Core.Policy;
using Junction.Core.Policy.Ast;

namespace Junction.Core.Routing.Evaluation;

/// <summary>
/// Combines normalized layers (most general first) into the effective policy: narrow, never widen
/// (POLICY.md §2). Filters are kept per layer for evaluation and AND-ed for the canonical form.
/// </summary>
internal static class LayerMerge
{
    /// <summary>The effective document (defaults not filled) and the layer whose <c>max_cost</c> binds.</summary>
    public static PolicyDocument Merge(IReadOnlyList<PolicyDocument> layers, out int maxCostLayer)
    {
        var filters = new List<Predicate>();
        Scorer? rank = null;
        Selection? select = null;
        var rankLocked = false;
        var selectLocked = false;
        double? maxCost = null;
        maxCostLayer = -1;
        bool? noLog = null;
        int? maxAttempts = null;
        int? attemptTimeout = null;
        ImmutableArray<ErrorKind>? fallbackOn = null;

        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            if (layer.Filter is { } filter)
            {
                filters.Add(filter);
            }

            // A lock freezes the member as resolved up to and including the locking layer: its own value if
            // it sets one, else what a more general layer (or the default) gave.
            if (!rankLocked && layer.Rank is { } r)
            {
                rank = r;
            }

            if (!selectLocked && layer.Select is { } s)
            {
                select = s;
            }

            rankLocked |= (layer.Lock ?? PolicyLocks.None).HasFlag(PolicyLocks.Rank);
            selectLocked |= (layer.Lock ?? PolicyLocks.None).HasFlag(PolicyLocks.Select);

            // Strictly smaller: on a tie the most general layer keeps the blame.
            if (layer.MaxCost is { } cost && (maxCost is null || cost < maxCost))
            {
                maxCost = cost;
                maxCostLayer = i;
            }

            if (layer.NoLog is { } flag)
            {
                noLog = (noLog ?? false) || flag;
            }

            if (layer.Fallback is { } fallback)
            {
                maxAttempts = Min(maxAttempts, fallback.MaxAttempts);
                attemptTimeout = Min(attemptTimeout, fallback.AttemptTimeoutMs);
                if (fallback.On is { } on)
                {
                    fallbackOn = fallbackOn is { } current ? Intersect(current, on) : on;
                }
            }
        }

        return new PolicyDocument
        {
            Filter = filters.Count switch
            {
                0 => null,
                1 => filters[0],
                _ => new AndPredicate([.. filters]),
            },
            Rank = rank,
            Select = select,
            Fallback = maxAttempts is null && attemptTimeout is null && fallbackOn is null
                ? null
                : new FallbackSpec(maxAttempts, fallbackOn, attemptTimeout),
            MaxCost = maxCost,
            NoLog = noLog,
        };
    }

    private static int? Min(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static ImmutableArray<ErrorKind> Intersect(ImmutableArray<ErrorKind> current, ImmutableArray<ErrorKind> next)
    {
        var kept = ImmutableArray.CreateBuilder<ErrorKind>(current.Length);
        foreach (var kind in current)
        {
            if (next.Contains(kind))
            {
                kept.Add(kind);
            }
        }

        return kept.ToImmutable();
    }
}
