using System.Collections.Immutable;
using Junction.Core.Policy.Ast;

namespace Junction.Core.Policy;

/// <summary>The named strategies and the scorers they compile to (documented, stable).</summary>
/// <remarks>
/// A name is expanded at parse time, so the AST, the canonical form and the fingerprint only ever hold
/// the scorer. Changing a definition here changes every fingerprint that used the name: treat these as
/// part of the language, not as tuning knobs.
/// </remarks>
public static class Strategies
{
    public const string BalancedName = "balanced";
    public const string LowestCostName = "lowest_cost";
    public const string FastestName = "fastest";
    public const string BestQualityName = "best_quality";
    public const string MaxReliabilityName = "max_reliability";

    /// <summary><c>["neg", ["normalize", ["field", "est_cost"]]]</c>.</summary>
    public static readonly Scorer LowestCost = NegNormalized("est_cost");

    /// <summary><c>["neg", ["normalize", ["field", "est_latency_ms"]]]</c>.</summary>
    public static readonly Scorer Fastest = NegNormalized("est_latency_ms");

    /// <summary><c>["normalize", ["field", "bench_intelligence"]]</c>.</summary>
    public static readonly Scorer BestQuality = Normalized("bench_intelligence");

    /// <summary>
    /// <c>["weighted", [[1, ["normalize", ["field", "availability"]]], [0.01, ["normalize", ["field", "bench_intelligence"]]]]]</c>:
    /// availability decides; quality (worth at most 0.01) only separates models whose availability is nearly equal.
    /// </summary>
    public static readonly Scorer MaxReliability = new WeightedScorer(
    [
        new WeightedTerm(1, Normalized("availability")),
        new WeightedTerm(0.01, Normalized("bench_intelligence")),
    ]);

    /// <summary>
    /// The default: 0.35 quality, 0.35 cost, 0.15 latency, 0.15 availability, each min-max normalized over the
    /// survivors (cost and latency negated), so the score lies in -0.5..0.5.
    /// </summary>
    /// <remarks>
    /// Quality and cost are the trade-off callers feel most, so they share most of the weight equally: neither
    /// a cheap weak model nor an expensive strong one wins by default. Latency and availability get less because
    /// both are noisier live estimates and because fallback and the circuit breaker already protect against
    /// an unavailable model; they still separate models that are otherwise close.
    /// </remarks>
    public static readonly Scorer Balanced = new WeightedScorer(
    [
        new WeightedTerm(0.35, Normalized("bench_intelligence")),
        new WeightedTerm(0.35, NegNormalized("est_cost")),
        new WeightedTerm(0.15, NegNormalized("est_latency_ms")),
        new WeightedTerm(0.15, Normalized("availability")),
    ]);

    /// <summary>Every strategy name (underscore form), in documentation order.</summary>
    public static readonly ImmutableArray<string> Names =
        [BalancedName, LowestCostName, FastestName, BestQualityName, MaxReliabilityName];

    /// <summary>Resolves <c>lowest_cost</c>, <c>balanced</c>, ... (also the hyphenated <c>lowest-cost</c> form).</summary>
    public static bool TryGet(string name, out Scorer scorer)
    {
        scorer = name switch
        {
            BalancedName => Balanced,
            LowestCostName or "lowest-cost" => LowestCost,
            FastestName => Fastest,
            BestQualityName or "best-quality" => BestQuality,
            MaxReliabilityName or "max-reliability" => MaxReliability,
            _ => null!,
        };
        return scorer is not null;
    }

    private static NormalizeScorer Normalized(string field) => new(new FieldScorer(field));

    private static NegScorer NegNormalized(string field) => new(Normalized(field));
}
