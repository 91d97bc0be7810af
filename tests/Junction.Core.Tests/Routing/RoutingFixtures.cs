using System.Collections.Immutable;
using Junction.Core.Catalog;
using Junction.Core.Policy.Ast;
using Junction.Core.Routing;

namespace Junction.Core.Tests.Routing;

/// <summary>Models, catalogs and policy terms built in code, each test owning its own.</summary>
internal static class RoutingFixtures
{
    public static ModelEntry Model(
        string id,
        string provider = "openai",
        double priceIn = 1,
        double priceOut = 2,
        double bench = 0.5,
        string[]? regions = null,
        int contextWindow = 128_000,
        int maxOutput = 16_384,
        ModelCapabilities capabilities = ModelCapabilities.Tools | ModelCapabilities.Streaming,
        double ttftMs = 300,
        double tokensPerS = 100,
        double availability = 0.99,
        string tier = "standard",
        string retention = "30d",
        bool openWeights = false) => new()
        {
            Id = id,
            Provider = provider,
            UpstreamModel = id,
            Family = id.Split('-')[0],
            Tier = tier,
            Regions = [.. regions ?? ["eu", "us"]],
            PriceIn = priceIn,
            PriceOut = priceOut,
            ContextWindow = contextWindow,
            MaxOutput = maxOutput,
            Capabilities = capabilities,
            BenchIntelligence = bench,
            OpenWeights = openWeights,
            DataRetention = retention,
            LatencyP50Ms = ttftMs * 3,
            TtftP50Ms = ttftMs,
            TokensPerS = tokensPerS,
            Availability = availability,
            PriceSource = new SourceRef("https://example.com/pricing", "2026-01-01"),
            QualitySource = new SourceRef("https://example.com/quality", "2026-01-01"),
        };

    public static CatalogSnapshot CatalogOf(params ModelEntry[] models) => new("cat_000000000000", models);

    /// <summary>Five models across providers and regions with distinct prices, quality and speed.</summary>
    public static CatalogSnapshot Five() => CatalogOf(
        Model("alpha", "openai", priceIn: 2, priceOut: 8, bench: 0.8, regions: ["eu", "us"], ttftMs: 400, tokensPerS: 80),
        Model("bravo", "anthropic", priceIn: 3, priceOut: 15, bench: 0.9, regions: ["us"], ttftMs: 900, tokensPerS: 60,
            capabilities: ModelCapabilities.Tools | ModelCapabilities.Vision | ModelCapabilities.Streaming),
        Model("charlie", "deepseek", priceIn: 0.3, priceOut: 1.2, bench: 0.41, regions: ["asia"], ttftMs: 700, tokensPerS: 40,
            contextWindow: 64_000, maxOutput: 8_192, retention: "zero", openWeights: true),
        Model("delta", "google", priceIn: 0.1, priceOut: 0.4, bench: 0.55, regions: ["eu", "us"], ttftMs: 250, tokensPerS: 200,
            capabilities: ModelCapabilities.Streaming),
        Model("echo", "mistral", priceIn: 0.5, priceOut: 1.5, bench: 0.6, regions: ["eu"], ttftMs: 300, tokensPerS: 120,
            contextWindow: 32_000, maxOutput: 4_096, openWeights: true));

    public static RouteRequest Request(int prompt = 1000, int? maxTokens = null, ModelCapabilities needs = ModelCapabilities.None, string? sticky = null) =>
        new(prompt, maxTokens, needs, sticky);

    public static PolicyLayer Tenant(PolicyDocument document, string name = "acme") => new(LayerKind.Tenant, "tenant:" + name, document);

    public static PolicyLayer Key(PolicyDocument document) => new(LayerKind.Key, "key:jk_ab12", document);

    public static PolicyLayer RequestLayer(PolicyDocument document) => new(LayerKind.Request, "request", document);

    public static PolicyLayer Host(PolicyDocument document) => new(LayerKind.Host, "host", document);

    /// <summary>What <c>force_model</c> compiles to: <c>["pin", id]</c> and <c>["eq","model",id]</c> in the request layer.</summary>
    public static PolicyLayer Force(string id) =>
        RequestLayer(new PolicyDocument { Filter = Eq("model", id), Select = new PinSelection(id) });

    public static RouteDecision Route(CatalogSnapshot catalog, RouteRequest request, params PolicyLayer[] layers) =>
        new Router(new Random(7)).Route(new PolicyCompiler().Compile(layers), catalog, request);

    public static RouteDecision Route(CatalogSnapshot catalog, params PolicyLayer[] layers) => Route(catalog, Request(), layers);

    public static string[] RankedIds(RouteDecision decision) => [.. decision.Ranked.Select(c => c.Model.Id)];

    public static Rejection RejectionOf(RouteDecision decision, string model) => decision.Rejected.Single(r => r.Model == model);

    public static Predicate Eq(string field, string value) => new EqPredicate(field, PolicyValue.Of(value), Negated: false);

    public static Predicate Ne(string field, string value) => new EqPredicate(field, PolicyValue.Of(value), Negated: true);

    public static Predicate In(string field, params string[] values) =>
        new InPredicate(field, [.. values.Select(PolicyValue.Of)], Negated: false);

    public static Predicate Nin(string field, params string[] values) =>
        new InPredicate(field, [.. values.Select(PolicyValue.Of)], Negated: true);

    public static Predicate Cmp(string field, CmpOp op, double value) => new CmpPredicate(field, op, value);

    public static Predicate Has(string capability) => new HasPredicate(capability);

    public static Predicate And(params Predicate[] operands) => new AndPredicate([.. operands]);

    public static Predicate Or(params Predicate[] operands) => new OrPredicate([.. operands]);

    public static Predicate Not(Predicate operand) => new NotPredicate(operand);

    public static PolicyDocument Filter(Predicate predicate) => new() { Filter = predicate };

    public static Scorer Field(string field) => new FieldScorer(field);

    public static ImmutableArray<SplitArm> Arms(params (string Model, double Weight)[] arms) =>
        [.. arms.Select(a => new SplitArm(a.Model, a.Weight))];
}
