using Junction.Core.Policy;
using Junction.Core.Policy.Ast;
using Junction.Core.Routing;
using static Junction.Core.Tests.Routing.RoutingFixtures;

namespace Junction.Core.Tests.Routing;

public sealed class RouterRankingTests
{
    private static RouteDecision Ranked(Scorer rank) => Route(Five(), Tenant(new PolicyDocument { Rank = rank }));

    [Fact]
    public void Route_LowestCost_OrdersByEstimatedCost()
    {
        var decision = Ranked(Strategies.LowestCost);

        Assert.Equal(["delta", "charlie", "echo", "alpha", "bravo"], RankedIds(decision));
        Assert.Equal(0, decision.Ranked[0].Score);
        Assert.False(double.IsNegative(decision.Ranked[0].Score), "the top score is +0, never -0");
        Assert.Equal(-1, decision.Ranked[^1].Score);
    }

    [Fact]
    public void Route_Fastest_OrdersByEstimatedLatency()
    {
        Assert.Equal(["delta", "echo", "alpha", "bravo", "charlie"], RankedIds(Ranked(Strategies.Fastest)));
    }

    [Fact]
    public void Route_BestQuality_OrdersByBenchIntelligence()
    {
        var decision = Ranked(Strategies.BestQuality);

        Assert.Equal(["bravo", "alpha", "echo", "delta", "charlie"], RankedIds(decision));
        Assert.Equal(1, decision.Ranked[0].Score);
    }

    [Fact]
    public void Route_MaxReliability_AvailabilityFirstQualityBreaksNearTies()
    {
        var catalog = CatalogOf(
            Model("a", availability: 0.99, bench: 0.9),
            Model("b", availability: 0.999, bench: 0.1),
            Model("c", availability: 0.99, bench: 0.95));

        var decision = Route(catalog, Tenant(new PolicyDocument { Rank = Strategies.MaxReliability }));

        Assert.Equal(["b", "c", "a"], RankedIds(decision));
    }

    [Fact]
    public void Route_Balanced_IsTheDefaultRank()
    {
        var implicitRank = Route(Five(), Tenant(PolicyDocument.Empty));
        var explicitRank = Ranked(Strategies.Balanced);

        Assert.Equal(RankedIds(explicitRank), RankedIds(implicitRank));
        Assert.Equal(explicitRank.Ranked.Select(c => c.Score), implicitRank.Ranked.Select(c => c.Score));
    }

    [Fact]
    public void Route_Weighted_SumsWeightedTerms()
    {
        // 1 * price_in - 0.5 * price_out: alpha 2-4=-2, bravo 3-7.5=-4.5, charlie 0.3-0.6=-0.3, delta 0.1-0.2=-0.1, echo 0.5-0.75=-0.25.
        var rank = new WeightedScorer([new WeightedTerm(1, Field("price_in")), new WeightedTerm(-0.5, Field("price_out"))]);

        var decision = Ranked(rank);

        Assert.Equal(["delta", "echo", "charlie", "alpha", "bravo"], RankedIds(decision));
        Assert.Equal(-2, decision.Ranked[3].Score, 12);
    }

    [Fact]
    public void Route_EqualScores_TieBrokenByModelIdAscending()
    {
        var catalog = CatalogOf(Model("zeta"), Model("alpha"), Model("mike"), Model("bravo"));

        var constant = Route(catalog, Tenant(new PolicyDocument { Rank = new ConstScorer(1) }));
        var normalized = Route(catalog, Tenant(new PolicyDocument { Rank = Strategies.LowestCost }));

        Assert.Equal(["alpha", "bravo", "mike", "zeta"], RankedIds(constant));
        Assert.Equal(["alpha", "bravo", "mike", "zeta"], RankedIds(normalized));
        Assert.All(normalized.Ranked, c => Assert.Equal(0, c.Score));
    }

    [Fact]
    public void Route_PartialTies_KeepScoreOrderThenIdOrder()
    {
        var catalog = CatalogOf(Model("d", priceIn: 1), Model("c", priceIn: 2), Model("b", priceIn: 1), Model("a", priceIn: 2), Model("e", priceIn: 0.5));

        var decision = Route(catalog, Tenant(new PolicyDocument { Rank = new NegScorer(Field("price_in")) }));

        Assert.Equal(["e", "b", "d", "a", "c"], RankedIds(decision));
    }

    [Fact]
    public void Route_Normalize_IsOverSurvivorsOnly()
    {
        var decision = Route(Five(),
            Tenant(new PolicyDocument { Filter = In("model", "alpha", "bravo"), Rank = Strategies.BestQuality }));

        Assert.Equal([1.0, 0.0], decision.Ranked.Select(c => c.Score));
    }

    [Fact]
    public void Route_SameInputs_SameOrder()
    {
        var compiled = new PolicyCompiler().Compile([Tenant(PolicyDocument.Empty)]);
        var router = new Router();
        var catalog = Five();

        var first = router.Route(compiled, catalog, Request());
        var second = router.Route(compiled, catalog, Request());

        Assert.Equal(RankedIds(first), RankedIds(second));
        Assert.Equal(first.Ranked.Select(c => c.Score), second.Ranked.Select(c => c.Score));
    }
}
