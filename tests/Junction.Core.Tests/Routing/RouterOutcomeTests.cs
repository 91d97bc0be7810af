using Junction.Core.Catalog;
using Junction.Core.Policy.Ast;
using Junction.Core.Routing;
using static Junction.Core.Tests.Routing.RoutingFixtures;

namespace Junction.Core.Tests.Routing;

public sealed class RouterOutcomeTests
{
    [Fact]
    public void Route_ForcedModelAllowed_RoutesOnlyThatModel()
    {
        var decision = Route(Five(), Tenant(Filter(Eq("region", "eu"))), Force("echo"));

        Assert.Equal(RouteOutcome.Routed, decision.Outcome);
        Assert.Equal(["echo"], RankedIds(decision));
        Assert.Null(decision.Denial);
    }

    [Fact]
    public void Route_ForcedModelForbiddenByTenant_DeniedNamingRuleAndLayer()
    {
        var decision = Route(Five(), Tenant(Filter(Ne("provider", "deepseek"))), Force("charlie"));

        Assert.Equal(RouteOutcome.Denied, decision.Outcome);
        Assert.Equal(new Rejection("charlie", "deepseek", "tenant:acme", "[\"ne\",\"provider\",\"deepseek\"]", "\"deepseek\""), decision.Denial);
        Assert.Null(decision.Chosen);
        Assert.Empty(decision.Ranked);
    }

    [Fact]
    public void Route_ForcedModelForbiddenByKey_Denied()
    {
        var decision = Route(Five(), Key(new PolicyDocument { MaxCost = 0.001 }), Force("bravo"));

        Assert.Equal(RouteOutcome.Denied, decision.Outcome);
        Assert.Equal(("key:jk_ab12", "[\"cmp\",\"est_cost\",\"le\",0.001]"), (decision.Denial!.Layer, decision.Denial.Rule));
    }

    [Fact]
    public void Route_ForcedModelFailsHostFloor_NoRoute()
    {
        var decision = Route(Five(), Request(needs: ModelCapabilities.Vision), Tenant(PolicyDocument.Empty), Force("alpha"));

        Assert.Equal(RouteOutcome.NoRoute, decision.Outcome);
        Assert.Null(decision.Denial);
        Assert.Equal("[\"fits\"]", RejectionOf(decision, "alpha").Rule);
    }

    [Fact]
    public void Route_ForcedModelNotInCatalog_NoRoute()
    {
        var decision = Route(Five(), Tenant(PolicyDocument.Empty), Force("zulu"));

        Assert.Equal(RouteOutcome.NoRoute, decision.Outcome);
        Assert.Equal(5, decision.Rejected.Count);
    }

    [Fact]
    public void Route_TenantRulesRejectEverything_DeniedQuotingFirstRejection()
    {
        var decision = Route(Five(), Tenant(Filter(Eq("provider", "cohere"))), RequestLayer(PolicyDocument.Empty));

        Assert.Equal(RouteOutcome.Denied, decision.Outcome);
        Assert.Equal(decision.Rejected[0], decision.Denial);
        Assert.Equal("alpha", decision.Denial!.Model);
    }

    [Fact]
    public void Route_NoSurvivorWithRequestOrHostRejections_NoRoute()
    {
        var decision = Route(Five(), Request(needs: ModelCapabilities.Vision), Tenant(Filter(Ne("provider", "anthropic"))));

        Assert.Equal(RouteOutcome.NoRoute, decision.Outcome);
        Assert.Null(decision.Denial);
        Assert.Equal(5, decision.Rejected.Count);
    }

    [Fact]
    public void Route_EmptyCatalog_NoRoute()
    {
        var decision = Route(CatalogOf(), Tenant(PolicyDocument.Empty));

        Assert.Equal(RouteOutcome.NoRoute, decision.Outcome);
        Assert.Equal(0, decision.CatalogModelCount);
    }

    [Fact]
    public void Route_Decision_EchoesRequestAndCatalog()
    {
        var request = Request(prompt: 812, maxTokens: 512, needs: ModelCapabilities.Tools);

        var decision = Route(Five(), request, Tenant(PolicyDocument.Empty));

        Assert.Equal(request, decision.Request);
        Assert.Equal(("cat_000000000000", 5), (decision.CatalogVersion, decision.CatalogModelCount));
        Assert.True(decision.RouteMicros >= 0);
    }
}
