using Junction.Core.Catalog;
using Junction.Core.Policy.Ast;
using Junction.Core.Routing;
using static Junction.Core.Tests.Routing.RoutingFixtures;

namespace Junction.Core.Tests.Routing;

public sealed class RouterHostFloorTests
{
    [Fact]
    public void Route_PromptPlusMaxTokensOverContextWindow_RejectsAsFitsAtHost()
    {
        var decision = Route(Five(), Request(prompt: 30_000, maxTokens: 3_000), Tenant(PolicyDocument.Empty));

        var rejection = RejectionOf(decision, "echo");
        Assert.Equal(("host", "[\"fits\"]", "\"context_window 32000 < 33000\""), (rejection.Layer, rejection.Rule, rejection.Actual));
        Assert.Contains("charlie", RankedIds(decision));
    }

    [Fact]
    public void Route_MaxTokensOverMaxOutput_RejectsAsFits()
    {
        var decision = Route(Five(), Request(prompt: 100, maxTokens: 5_000), Tenant(PolicyDocument.Empty));

        Assert.Equal("\"max_output 4096 < 5000\"", RejectionOf(decision, "echo").Actual);
        Assert.Equal(4, decision.Ranked.Count);
    }

    [Fact]
    public void Route_MissingCapability_RejectsAsFitsNamingIt()
    {
        var decision = Route(Five(), Request(needs: ModelCapabilities.Tools | ModelCapabilities.Vision), Tenant(PolicyDocument.Empty));

        Assert.Equal(["bravo"], RankedIds(decision));
        Assert.Equal("\"missing: tools, vision\"", RejectionOf(decision, "delta").Actual);
        Assert.Equal("\"missing: vision\"", RejectionOf(decision, "alpha").Actual);
    }

    [Fact]
    public void Route_FitsFailureAndTenantFailure_ReportsHostFirst()
    {
        var decision = Route(Five(), Request(needs: ModelCapabilities.Vision), Tenant(Filter(Eq("provider", "openai"))));

        Assert.Equal("host", RejectionOf(decision, "delta").Layer);
        Assert.Equal("[\"fits\"]", RejectionOf(decision, "delta").Rule);
    }

    [Fact]
    public void Route_OpenCircuit_RejectedAtHostHalfOpenAdmitted()
    {
        var catalog = Five();
        var stats = new Dictionary<string, ModelLiveStats>
        {
            ["alpha"] = ModelLiveStats.FromPriors(catalog.Models[0]) with { Circuit = CircuitState.Open },
            ["bravo"] = ModelLiveStats.FromPriors(catalog.Models[1]) with { Circuit = CircuitState.HalfOpen },
        };

        var decision = Route(catalog.WithStats(stats), Tenant(PolicyDocument.Empty));

        Assert.Equal(new Rejection("alpha", "openai", "host", "[\"ne\",\"circuit\",\"open\"]", "\"open\""), Assert.Single(decision.Rejected));
        Assert.Contains("bravo", RankedIds(decision));
    }

    [Fact]
    public void Route_HostLayerDocument_RejectsUnderItsSourceAfterBuiltInFloor()
    {
        var decision = Route(Five(), Host(Filter(Ne("provider", "deepseek"))), Tenant(Filter(Eq("provider", "deepseek"))));

        Assert.Equal(RouteOutcome.NoRoute, decision.Outcome);
        Assert.Equal("host", RejectionOf(decision, "charlie").Layer);
        Assert.Equal("[\"ne\",\"provider\",\"deepseek\"]", RejectionOf(decision, "charlie").Rule);
        Assert.Equal("tenant:acme", RejectionOf(decision, "alpha").Layer);
    }

    [Fact]
    public void Route_EstimatesUseMaxTokensCappedByMaxOutput()
    {
        var catalog = CatalogOf(Model("m", priceIn: 1, priceOut: 10, maxOutput: 1000, contextWindow: 100_000, ttftMs: 100, tokensPerS: 50));

        var capped = Route(catalog, Request(prompt: 2000), Tenant(PolicyDocument.Empty));
        var given = Route(catalog, Request(prompt: 2000, maxTokens: 500), Tenant(PolicyDocument.Empty));

        // Without max_tokens: min(256, 1000) = 256 expected output tokens.
        Assert.Equal((2000 * 1 / 1e6) + (256 * 10 / 1e6), capped.Ranked[0].EstCost);
        Assert.Equal(100 + (256 / 50.0 * 1000), capped.Ranked[0].EstLatencyMs);
        Assert.Equal((2000 * 1 / 1e6) + (500 * 10 / 1e6), given.Ranked[0].EstCost);
    }
}
