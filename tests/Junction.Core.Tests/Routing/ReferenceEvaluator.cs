using Junction.Core.Catalog;
using Junction.Core.Policy.Ast;
using Junction.Core.Routing;

namespace Junction.Core.Tests.Routing;

/// <summary>
/// A deliberately naive evaluator of POLICY.md §1-2, written from the contract and sharing no code with the
/// router, so the property tests compare two implementations.
/// </summary>
internal static class ReferenceEvaluator
{
    public static double ExpectedOutput(ModelEntry model, RouteRequest request) => Math.Min(request.MaxTokens ?? 256, model.MaxOutput);

    public static double EstCost(ModelEntry model, RouteRequest request) =>
        (request.EstPromptTokens * model.PriceIn / 1e6) + (ExpectedOutput(model, request) * model.PriceOut / 1e6);

    public static double EstLatency(ModelEntry model, ModelLiveStats stats, RouteRequest request) =>
        stats.TtftP50Ms + (ExpectedOutput(model, request) / stats.TokensPerS * 1000);

    public static bool Fits(ModelEntry model, RouteRequest request) =>
        model.ContextWindow >= (long)request.EstPromptTokens + (request.MaxTokens ?? 0) &&
        (request.MaxTokens is null || request.MaxTokens <= model.MaxOutput) &&
        (model.Capabilities & request.Needs) == request.Needs;

    public static bool Holds(Predicate predicate, ModelEntry model, ModelLiveStats stats, RouteRequest request) => predicate switch
    {
        ConstPredicate c => c.Value,
        AndPredicate a => a.Operands.All(p => Holds(p, model, stats, request)),
        OrPredicate o => o.Operands.Any(p => Holds(p, model, stats, request)),
        NotPredicate n => !Holds(n.Operand, model, stats, request),
        HasPredicate h => CapabilityNames.TryParse(h.Capability, out var flag) && model.Capabilities.HasFlag(flag),
        CmpPredicate c => Compare(Number(c.Field, model, stats, request), c.Op, c.Value),
        EqPredicate e => Matches(e.Field, e.Value, model, stats, request) != e.Negated,
        InPredicate i => i.Values.Any(v => Matches(i.Field, v, model, stats, request)) != i.Negated,
        _ => throw new NotSupportedException(predicate.GetType().Name),
    };

    private static bool Matches(string field, PolicyValue value, ModelEntry model, ModelLiveStats stats, RouteRequest request) => field switch
    {
        "model" => value.Text == model.Id,
        "provider" => value.Text == model.Provider,
        "family" => value.Text == model.Family,
        "tier" => value.Text == model.Tier,
        "data_retention" => value.Text == model.DataRetention,
        "region" => value.Kind == PolicyValueKind.String && model.Regions.Contains(value.Text!),
        "capabilities" => value.Kind == PolicyValueKind.String && CapabilityNames.Names(model.Capabilities).Contains(value.Text),
        "open_weights" => value.Kind == PolicyValueKind.Boolean && value.Boolean == model.OpenWeights,
        "circuit" => value.Text == stats.Circuit switch { CircuitState.Open => "open", CircuitState.HalfOpen => "half_open", _ => "closed" },
        _ => value.Kind == PolicyValueKind.Number && value.Number == Number(field, model, stats, request),
    };

    private static double Number(string field, ModelEntry model, ModelLiveStats stats, RouteRequest request) => field switch
    {
        "price_in" => model.PriceIn,
        "price_out" => model.PriceOut,
        "context_window" => model.ContextWindow,
        "max_output" => model.MaxOutput,
        "bench_intelligence" => model.BenchIntelligence,
        "latency_p50_ms" => stats.LatencyP50Ms,
        "ttft_p50_ms" => stats.TtftP50Ms,
        "tokens_per_s" => stats.TokensPerS,
        "availability" => stats.Availability,
        "error_rate" => stats.ErrorRate,
        "est_cost" => EstCost(model, request),
        "est_latency_ms" => EstLatency(model, stats, request),
        _ => throw new NotSupportedException(field),
    };

    private static bool Compare(double actual, CmpOp op, double value) => op switch
    {
        CmpOp.Lt => actual < value,
        CmpOp.Le => actual <= value,
        CmpOp.Gt => actual > value,
        CmpOp.Ge => actual >= value,
        CmpOp.Eq => actual == value,
        _ => actual != value,
    };
}
