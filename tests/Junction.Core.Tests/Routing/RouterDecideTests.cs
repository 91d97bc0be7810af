using Junction.Core.Catalog;
using Junction.Core.Policy;
using Junction.Core.Policy.Ast;
using Junction.Core.Routing;
using Junction.Core.Routing.Evaluation;
using static Junction.Core.Tests.Routing.RoutingFixtures;

namespace Junction.Core.Tests.Routing;

public sealed class RouterDecideTests
{
    private static CatalogSnapshot Large(int count)
    {
        var providers = new[] { "openai", "anthropic", "google", "groq", "deepseek", "mistral" };
        var models = new ModelEntry[count];
        for (var i = 0; i < count; i++)
        {
            models[i] = Model(
                $"m{i:D4}",
                providers[i % providers.Length],
                priceIn: 0.1 + (i % 37),
                priceOut: 0.4 + (i % 53),
                bench: (i % 97) / 100.0,
                regions: i % 3 == 0 ? ["eu"] : ["eu", "us"],
                ttftMs: 100 + (i % 41),
                tokensPerS: 20 + (i % 61));
        }

        return new CatalogSnapshot("cat_large", models);
    }

    [Fact]
    public void Decide_SteadyState_AllocatesNothing()
    {
        var catalog = Large(500);
        var compiled = new PolicyCompiler().Compile(
        [
            Tenant(new PolicyDocument
            {
                Filter = And(In("provider", "openai", "anthropic", "google"), Eq("region", "us"), Cmp("availability", CmpOp.Ge, 0.9)),
                MaxCost = 0.05,
            }),
            RequestLayer(new PolicyDocument { Rank = Strategies.Balanced, Select = new SplitSelection(Arms(("m0001", 1), ("m0002", 1))) }),
        ]);
        var router = new Router(new Random(3));
        var scratch = new RouteScratch();
        var request = Request(prompt: 2000, maxTokens: 512, needs: ModelCapabilities.Tools, sticky: "user-1");
        router.Decide(compiled, catalog, request, scratch);

        var before = GC.GetAllocatedBytesForCurrentThread();
        RouteResult result = default;
        for (var i = 0; i < 100; i++)
        {
            result = router.Decide(compiled, catalog, request, scratch);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(RouteOutcome.Routed, result.Outcome);
        Assert.Equal(PolicyDefaults.MaxAttempts, result.CascadeCount);
    }

    [Theory]
    [InlineData("balanced", null)]
    [InlineData("lowest_cost", "m0007")]
    [InlineData("best_quality", "m0096")]
    [InlineData("fastest", "m0199")]
    public void Decide_DefaultCascade_IsPrefixOfFullRanking(string strategy, string? splitArm)
    {
        var catalog = Large(200);
        Assert.True(Strategies.TryGet(strategy, out var rank));
        var compiled = new PolicyCompiler().Compile(
        [
            Tenant(new PolicyDocument
            {
                Rank = rank,
                Select = splitArm is null ? null : new SplitSelection(Arms((splitArm, 1))),
                Fallback = new FallbackSpec(4, null, null),
            }),
        ]);
        var router = new Router();
        var scratch = new RouteScratch();

        var partial = router.Decide(compiled, catalog, Request(), scratch);
        var prefix = scratch.Order.AsSpan(0, partial.CascadeCount).ToArray().Select(i => catalog.Models[i].Id);
        var full = router.Route(compiled, catalog, Request());

        Assert.Equal(4, partial.CascadeCount);
        Assert.Equal(RankedIds(full).Take(4), prefix);
        Assert.Equal(splitArm, full.Arm);
    }

    [Fact]
    public void Decide_NewSnapshot_RebindsStaticClauses()
    {
        var compiled = new PolicyCompiler().Compile([Tenant(Filter(Eq("provider", "openai")))]);
        var router = new Router();

        var small = router.Route(compiled, CatalogOf(Model("a", "openai"), Model("b", "google")), Request());
        var other = router.Route(compiled, CatalogOf(Model("a", "google"), Model("b", "openai")), Request());

        Assert.Equal(["a"], RankedIds(small));
        Assert.Equal(["b"], RankedIds(other));
    }

    [Fact]
    public void Route_MatchesUnboundEvaluationOnLargeCatalog()
    {
        // Bitset rows cross word boundaries at 64 models: check the bound path against plain evaluation.
        var catalog = Large(200);
        var tenant = Filter(And(Or(Eq("provider", "groq"), Cmp("bench_intelligence", CmpOp.Gt, 0.5)), Ne("region", "us")));
        var decision = Route(catalog, Tenant(tenant));

        var expected = catalog.Models
            .Where(m => (m.Provider == "groq" || m.BenchIntelligence > 0.5) && !m.Regions.Contains("us"))
            .Select(m => m.Id)
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, RankedIds(decision).Order(StringComparer.Ordinal));
        Assert.Equal(200, decision.Ranked.Count + decision.Rejected.Count);
    }
}
