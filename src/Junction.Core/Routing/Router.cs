using Junction.Core.Catalog;
using Junction.Core.Routing.Evaluation;

namespace Junction.Core.Routing;

/// <summary>Evaluates filter, rank and select of a compiled policy over a catalog snapshot. Pure; no I/O.</summary>
/// <param name="random">
/// Chooses a split arm when the request has no sticky key; defaults to <see cref="Random.Shared"/>. It is called
/// concurrently when the router is shared, so pass a thread-safe source (a seeded one in tests).
/// </param>
/// <param name="timeProvider">Times each decision for <see cref="RouteDecision.RouteMicros"/>.</param>
public sealed class Router(Random? random = null, TimeProvider? timeProvider = null)
{
    /// <summary>Expected output tokens of a request that sets no <c>max_tokens</c>, for <c>est_cost</c> and <c>est_latency_ms</c>.</summary>
    public const int DefaultExpectedOutputTokens = 256;

    [ThreadStatic]
    private static RouteScratch? t_scratch;

    private readonly Random _random = random ?? Random.Shared;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Filters, ranks and selects; the decision lists every survivor in cascade order and every rejection.</summary>
    public RouteDecision Route(CompiledPolicy policy, CatalogSnapshot catalog, in RouteRequest request)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(catalog);
        var scratch = t_scratch ??= new RouteScratch();
        var started = _time.GetTimestamp();
        var result = Decide(policy, catalog, request, scratch, cascadeLength: int.MaxValue);
        ResolveRejections(policy, scratch);
        RecordScores(scratch);
        var micros = _time.GetElapsedTime(started).TotalMicroseconds;
        return DecisionBuilder.Build(policy, request, scratch, result, micros);
    }

    /// <summary>
    /// The decision itself, into <paramref name="scratch"/>; allocates nothing once the scratch has grown to
    /// the catalog and the policy has bound to the snapshot. Benchmarks call this directly.
    /// </summary>
    /// <param name="policy">The compiled layers.</param>
    /// <param name="catalog">The snapshot to route on.</param>
    /// <param name="request">What routing knows about the request.</param>
    /// <param name="scratch">Working memory, reused across calls on one thread.</param>
    /// <param name="cascadeLength">
    /// How much of the cascade to order: by default the policy's <c>max_attempts</c>, which is all that executing
    /// the request needs (a partial selection instead of a full sort); <see cref="Route"/> orders every survivor
    /// for the trace. The first entries are the same either way.
    /// </param>
    internal RouteResult Decide(CompiledPolicy policy, CatalogSnapshot catalog, in RouteRequest request, RouteScratch scratch, int cascadeLength = 0)
    {
        var binding = policy.Bind(catalog);
        scratch.Reset(binding, policy.Scorer.RowCount);
        RequestEstimates.Compute(binding.Columns, request, policy.MaxCostLayer >= 0 ? policy.MaxCost ?? double.PositiveInfinity : double.PositiveInfinity, scratch);
        if (binding.AllStatic)
        {
            FilterStatic(binding, scratch);
        }
        else
        {
            Filter(policy, binding, scratch);
        }

        var count = scratch.SurvivorCount;
        var ordered = 0;
        if (count > 0)
        {
            ordered = Rank(policy, scratch, count, cascadeLength > 0 ? cascadeLength : Math.Max(1, policy.MaxAttempts));
        }

        return Select(policy, binding, request, scratch, ordered);
    }

    /// <summary>Per survivor, the score the trace reports; the decision itself needs only the sort keys.</summary>
    private static void RecordScores(RouteScratch scratch)
    {
        var count = scratch.SurvivorCount;
        var row = scratch.ScoreRow(0, count);
        var survivors = scratch.Survivors;
        var scores = scratch.Scores;
        for (var k = 0; k < count; k++)
        {
            scores[survivors[k]] = ScoreMath.RankedScore(row[k]);
        }
    }

    /// <summary>
    /// Records every rejection, in catalog order, with the layer and clause the trace names. The all-static filter
    /// leaves this to whoever needs it (the trace, a denial), so a decision that routes never pays for it.
    /// </summary>
    internal static void ResolveRejections(CompiledPolicy policy, RouteScratch scratch)
    {
        if (scratch.RejectionsResolved)
        {
            return;
        }

        var binding = scratch.Binding;
        var circuit = binding.Columns.Circuit;
        var maxCostLayer = policy.MaxCostLayer;
        var n = scratch.Catalog.Models.Length;
        for (var i = 0; i < n; i++)
        {
            if (scratch.IsSurvivor(i))
            {
                continue;
            }

            // The order of the checks in Filter: fits, circuit, then layer by layer its filter and then max_cost.
            var layer = binding.StaticRejectionLayer[i];
            if (!scratch.Fits(i))
            {
                scratch.Reject(i, RouteScratch.HostFloorLayer, RouteScratch.FitsClause);
            }
            else if (circuit[i] == CircuitState.Open)
            {
                scratch.Reject(i, RouteScratch.HostFloorLayer, RouteScratch.CircuitClause);
            }
            else if (layer >= 0 && (maxCostLayer < 0 || layer <= maxCostLayer || scratch.WithinMaxCost(i)))
            {
                scratch.Reject(i, layer, binding.StaticRejectionClause[i]);
            }
            else
            {
                scratch.Reject(i, maxCostLayer, RouteScratch.MaxCostClause);
            }
        }

        scratch.RejectionsResolved = true;
    }

    /// <summary>
    /// Every layer's filter was decided when the policy bound to the snapshot: a model survives when it fits, is
    /// within max_cost and passes the static part, one 64-model word at a time.
    /// </summary>
    private static void FilterStatic(CatalogBinding binding, RouteScratch scratch)
    {
        var pass = binding.PassBits;
        var fits = scratch.FitsBits;
        var cost = scratch.CostBits;
        var survivorBits = scratch.SurvivorBits;
        var survivors = scratch.Survivors;
        var count = 0;
        for (var w = 0; w < pass.Length; w++)
        {
            var bits = pass[w] & fits[w] & cost[w];
            survivorBits[w] = bits;
            var basis = w << 6;
            while (bits != 0)
            {
                survivors[count++] = basis + System.Numerics.BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
            }
        }

        scratch.SurvivorCount = count;
        scratch.RejectionsResolved = false;
    }

    private static void Filter(CompiledPolicy policy, CatalogBinding binding, RouteScratch scratch)
    {
        var columns = binding.Columns;
        var circuit = columns.Circuit;
        var estCosts = scratch.EstCost;
        var estLatencies = scratch.EstLatencyMs;
        var filter = policy.Filter;
        var roots = filter.Roots;
        var verdicts = binding.LayerVerdicts;
        var bits = binding.StaticBits;
        var words = binding.Words;
        var maxCostLayer = policy.MaxCostLayer;

        for (var i = 0; i < circuit.Length; i++)
        {
            if (!scratch.Fits(i))
            {
                scratch.Reject(i, RouteScratch.HostFloorLayer, RouteScratch.FitsClause);
                continue;
            }

            if (circuit[i] == CircuitState.Open)
            {
                scratch.Reject(i, RouteScratch.HostFloorLayer, RouteScratch.CircuitClause);
                continue;
            }

            var rejected = false;
            for (var layer = 0; layer < roots.Length; layer++)
            {
                if (verdicts[layer] is { } verdict)
                {
                    // An all-static filter was decided when the policy bound to this snapshot.
                    if (verdict[i] >= 0)
                    {
                        scratch.Reject(i, layer, verdict[i]);
                        rejected = true;
                        break;
                    }
                }
                else if (roots[layer] is var root and >= 0)
                {
                    var context = new ModelContext(i, columns, estCosts[i], estLatencies[i]);
                    if (!filter.Evaluate(root, context, bits, words))
                    {
                        scratch.Reject(i, layer, filter.FirstFailing(root, context, bits, words));
                        rejected = true;
                        break;
                    }
                }

                if (layer == maxCostLayer && !scratch.WithinMaxCost(i))
                {
                    scratch.Reject(i, layer, RouteScratch.MaxCostClause);
                    rejected = true;
                    break;
                }
            }

            if (!rejected)
            {
                scratch.Survive(i);
            }
        }
    }

    /// <summary>
    /// Scores the survivors and orders the first <paramref name="length"/> of them: score descending, then model
    /// id ascending. Returns how many are ordered.
    /// </summary>
    private static int Rank(CompiledPolicy policy, RouteScratch scratch, int count, int length)
    {
        var row = scratch.ScoreRow(0, count);
        policy.Scorer.Evaluate(scratch, count, row);

        var keys = scratch.SortKeys.AsSpan(0, count);
        var survivors = scratch.Survivors.AsSpan(0, count);
        ScoreMath.SortKeys(row, keys);

        if (length >= count)
        {
            CascadeOrder.SortAll(keys, survivors, scratch.Order.AsSpan(0, count));
            return count;
        }

        return CascadeOrder.SelectTop(keys, survivors, scratch.TopKeys.AsSpan(0, length), scratch.Order.AsSpan(0, length));
    }

    private RouteResult Select(CompiledPolicy policy, CatalogBinding binding, in RouteRequest request, RouteScratch scratch, int ordered)
    {
        var count = scratch.SurvivorCount;
        var selection = policy.Selection;
        if (selection.Kind == SelectionKind.Pin)
        {
            var pinned = binding.PinIndex;
            if (pinned >= 0 && scratch.IsSurvivor(pinned))
            {
                scratch.Order[0] = pinned;
                return new RouteResult(RouteOutcome.Routed, 1, -1, -1);
            }

            // A forced model that a tenant or key rule rejects is a denial naming that rule, not a missing route.
            ResolveRejections(policy, scratch);
            if (pinned >= 0 && IsTenantOrKey(policy, scratch.RejectionLayer[scratch.RejectionOf[pinned]]))
            {
                return new RouteResult(RouteOutcome.Denied, 0, -1, scratch.RejectionOf[pinned]);
            }

            return new RouteResult(RouteOutcome.NoRoute, 0, -1, -1);
        }

        if (count == 0)
        {
            return NoSurvivor(policy, scratch);
        }

        var arm = selection.Kind == SelectionKind.Split ? ChooseArm(selection, binding, request, scratch) : -1;
        if (arm >= 0)
        {
            MoveToFront(scratch.Order.AsSpan(0, ordered), arm);
        }

        return new RouteResult(RouteOutcome.Routed, ordered, arm, -1);
    }

    /// <summary>
    /// No survivor: a denial when the tenant's or key's rules alone rejected every model (the caller cannot fix
    /// it by changing the request), otherwise no route. The denial quotes the first model's rejection.
    /// </summary>
    private static RouteResult NoSurvivor(CompiledPolicy policy, RouteScratch scratch)
    {
        ResolveRejections(policy, scratch);
        if (scratch.RejectionCount == 0)
        {
            return new RouteResult(RouteOutcome.NoRoute, 0, -1, -1);
        }

        for (var r = 0; r < scratch.RejectionCount; r++)
        {
            if (!IsTenantOrKey(policy, scratch.RejectionLayer[r]))
            {
                return new RouteResult(RouteOutcome.NoRoute, 0, -1, -1);
            }
        }

        return new RouteResult(RouteOutcome.Denied, 0, -1, 0);
    }

    private static bool IsTenantOrKey(CompiledPolicy policy, int layer) =>
        layer >= 0 && policy.LayerKinds[layer] is LayerKind.Tenant or LayerKind.Key;

    /// <summary>
    /// Weighted choice among the arms that survived (weights renormalized over them): the sticky key's hash, or
    /// the random source, gives a point in [0, 1) that walks the arms in model-id order. -1 when no arm survived.
    /// </summary>
    private int ChooseArm(SelectionPlan selection, CatalogBinding binding, in RouteRequest request, RouteScratch scratch)
    {
        var arms = selection.Arms;
        var indices = binding.ArmIndices;
        var total = 0.0;
        for (var a = 0; a < arms.Length; a++)
        {
            if (indices[a] >= 0 && scratch.IsSurvivor(indices[a]) && arms[a].Weight > 0)
            {
                total += arms[a].Weight;
            }
        }

        if (!(total > 0))
        {
            return -1;
        }

        var point = (request.StickyKey is { } key ? StickyHash.UnitInterval(key) : _random.NextDouble()) * total;
        var cumulative = 0.0;
        var last = -1;
        for (var a = 0; a < arms.Length; a++)
        {
            if (indices[a] >= 0 && scratch.IsSurvivor(indices[a]) && arms[a].Weight > 0)
            {
                cumulative += arms[a].Weight;
                last = indices[a];
                if (point < cumulative)
                {
                    return last;
                }
            }
        }

        // Rounding can leave the point a hair above the last cumulative weight.
        return last;
    }

    /// <summary>Puts the arm first; when only a prefix is ordered and the arm is not in it, the last entry makes room.</summary>
    private static void MoveToFront(Span<int> order, int model)
    {
        var at = order.IndexOf(model);
        if (at < 0)
        {
            at = order.Length - 1;
        }

        for (var k = at; k > 0; k--)
        {
            order[k] = order[k - 1];
        }

        order[0] = model;
    }
}
