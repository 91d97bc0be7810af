using Junction.Core.Catalog;
using Junction.Core.Policy.Ast;
using Junction.Core.Routing;
using static Junction.Core.Tests.Routing.RoutingFixtures;

namespace Junction.Core.Tests.Routing;

public sealed class RouterFilterTests
{
    [Fact]
    public void Route_EqOnString_KeepsOnlyMatchingModels()
    {
        var decision = Route(Five(), Tenant(Filter(Eq("provider", "openai"))));

        Assert.Equal(["alpha"], RankedIds(decision));
        Assert.Equal(4, decision.Rejected.Count);
    }

    [Fact]
    public void Route_NeOnString_RejectsMatchingModelWithItsValue()
    {
        var decision = Route(Five(), Tenant(Filter(Ne("provider", "deepseek"))));

        var rejection = Assert.Single(decision.Rejected);
        Assert.Equal("charlie", rejection.Model);
        Assert.Equal("[\"ne\",\"provider\",\"deepseek\"]", rejection.Rule);
        Assert.Equal("\"deepseek\"", rejection.Actual);
    }

    [Fact]
    public void Route_EqOnSetField_MatchesWhenSetContainsValue()
    {
        var decision = Route(Five(), Tenant(Filter(Eq("region", "eu"))));

        Assert.Equal(["alpha", "delta", "echo"], RankedIds(decision).Order());
        Assert.Equal("[\"asia\"]", RejectionOf(decision, "charlie").Actual);
        Assert.Equal("[\"us\"]", RejectionOf(decision, "bravo").Actual);
    }

    [Fact]
    public void Route_NeOnSetField_RejectsModelsWhoseSetContainsValue()
    {
        var decision = Route(Five(), Tenant(Filter(Ne("region", "us"))));

        Assert.Equal(["charlie", "echo"], RankedIds(decision).Order());
    }

    [Fact]
    public void Route_InOnSetField_MatchesWhenAnyElementIsListed()
    {
        var decision = Route(Five(), Tenant(Filter(In("region", "asia", "us"))));

        Assert.Equal(["alpha", "bravo", "charlie", "delta"], RankedIds(decision).Order());
    }

    [Fact]
    public void Route_NinOnSetField_MatchesWhenNoElementIsListed()
    {
        var decision = Route(Five(), Tenant(Filter(Nin("region", "us", "asia"))));

        Assert.Equal(["echo"], RankedIds(decision));
    }

    [Fact]
    public void Route_InAndNinOnString_PartitionTheCatalog()
    {
        var inDecision = Route(Five(), Tenant(Filter(In("provider", "google", "mistral"))));
        var ninDecision = Route(Five(), Tenant(Filter(Nin("provider", "google", "mistral"))));

        Assert.Equal(["delta", "echo"], RankedIds(inDecision).Order());
        Assert.Equal(["alpha", "bravo", "charlie"], RankedIds(ninDecision).Order());
    }

    [Theory]
    [InlineData(CmpOp.Lt, 0.6, new[] { "charlie", "delta" })]
    [InlineData(CmpOp.Le, 0.6, new[] { "charlie", "delta", "echo" })]
    [InlineData(CmpOp.Gt, 0.6, new[] { "alpha", "bravo" })]
    [InlineData(CmpOp.Ge, 0.6, new[] { "alpha", "bravo", "echo" })]
    [InlineData(CmpOp.Eq, 0.6, new[] { "echo" })]
    [InlineData(CmpOp.Ne, 0.6, new[] { "alpha", "bravo", "charlie", "delta" })]
    public void Route_Cmp_AppliesOperator(CmpOp op, double value, string[] expected)
    {
        var decision = Route(Five(), Tenant(Filter(Cmp("bench_intelligence", op, value))));

        Assert.Equal(expected, RankedIds(decision).Order());
    }

    [Fact]
    public void Route_CmpRejection_QuotesCanonicalClauseAndActualNumber()
    {
        var decision = Route(Five(), Tenant(Filter(Cmp("bench_intelligence", CmpOp.Ge, 0.5))));

        var rejection = Assert.Single(decision.Rejected);
        Assert.Equal(new Rejection("charlie", "deepseek", "tenant:acme", "[\"cmp\",\"bench_intelligence\",\"ge\",0.5]", "0.41"), rejection);
    }

    [Fact]
    public void Route_Has_RejectsModelsWithoutCapabilityWithTheirCapabilities()
    {
        var decision = Route(Five(), Tenant(Filter(Has("vision"))));

        Assert.Equal(["bravo"], RankedIds(decision));
        Assert.Equal("[\"has\",\"vision\"]", RejectionOf(decision, "delta").Rule);
        Assert.Equal("[\"streaming\"]", RejectionOf(decision, "delta").Actual);
    }

    [Fact]
    public void Route_BooleanField_MatchesEquality()
    {
        var decision = Route(Five(), Tenant(Filter(new EqPredicate("open_weights", PolicyValue.Of(true), Negated: false))));

        Assert.Equal(["charlie", "echo"], RankedIds(decision).Order());
        Assert.Equal("false", RejectionOf(decision, "alpha").Actual);
    }

    [Fact]
    public void Route_AndRejection_NamesFirstFailingOperand()
    {
        var filter = And(Eq("region", "eu"), Cmp("bench_intelligence", CmpOp.Ge, 0.7));

        var decision = Route(Five(), Tenant(Filter(filter)));

        Assert.Equal(["alpha"], RankedIds(decision));
        Assert.Equal("[\"cmp\",\"bench_intelligence\",\"ge\",0.7]", RejectionOf(decision, "delta").Rule);
        Assert.Equal("0.55", RejectionOf(decision, "delta").Actual);
        Assert.Equal("[\"eq\",\"region\",\"eu\"]", RejectionOf(decision, "bravo").Rule);
    }

    [Fact]
    public void Route_NestedAnd_DescendsToLeaf()
    {
        var filter = And(Or(Eq("provider", "openai"), Eq("provider", "google")), And(Has("tools"), Cmp("price_in", CmpOp.Le, 1)));

        var decision = Route(Five(), Tenant(Filter(filter)));

        Assert.Empty(decision.Ranked);
        Assert.Equal("[\"has\",\"tools\"]", RejectionOf(decision, "delta").Rule);
        Assert.Equal("[\"cmp\",\"price_in\",\"le\",1]", RejectionOf(decision, "alpha").Rule);
        Assert.Equal("2", RejectionOf(decision, "alpha").Actual);
    }

    [Fact]
    public void Route_OrRejection_BlamesWholeOrWithSharedFieldValue()
    {
        var decision = Route(Five(), Tenant(Filter(Or(Eq("provider", "openai"), Eq("provider", "google")))));

        var rejection = RejectionOf(decision, "bravo");
        Assert.Equal("[\"or\",[\"eq\",\"provider\",\"google\"],[\"eq\",\"provider\",\"openai\"]]", rejection.Rule);
        Assert.Equal("\"anthropic\"", rejection.Actual);
    }

    [Fact]
    public void Route_OrOverMixedFields_HasNoActual()
    {
        var decision = Route(Five(), Tenant(Filter(Or(Eq("provider", "openai"), Has("vision")))));

        Assert.Equal(["alpha", "bravo"], RankedIds(decision).Order());
        Assert.Null(RejectionOf(decision, "delta").Actual);
    }

    [Fact]
    public void Route_Not_BlamesTheNegationWithLeafValue()
    {
        var decision = Route(Five(), Tenant(Filter(Not(Eq("data_retention", "30d")))));

        Assert.Equal(["charlie"], RankedIds(decision));
        Assert.Equal("[\"not\",[\"eq\",\"data_retention\",\"30d\"]]", RejectionOf(decision, "alpha").Rule);
        Assert.Equal("\"30d\"", RejectionOf(decision, "alpha").Actual);
    }

    [Fact]
    public void Route_FalseConstant_RejectsEverythingWithNullActual()
    {
        var decision = Route(Five(), RequestLayer(Filter(new ConstPredicate(false))));

        Assert.Equal(RouteOutcome.NoRoute, decision.Outcome);
        Assert.All(decision.Rejected, r => Assert.Equal(("request", "[\"false\"]", (string?)null), (r.Layer, r.Rule, r.Actual)));
    }

    [Fact]
    public void Route_EstCostCmp_UsesPerRequestEstimate()
    {
        // est_cost = prompt * price_in / 1e6 + min(max_tokens ?? 256, max_output) * price_out / 1e6
        var decision = Route(Five(), Request(prompt: 1000), Tenant(Filter(Cmp("est_cost", CmpOp.Lt, 0.001))));

        Assert.Equal(["charlie", "delta", "echo"], RankedIds(decision).Order());
        Assert.Equal(0.004048, double.Parse(RejectionOf(decision, "alpha").Actual!, System.Globalization.CultureInfo.InvariantCulture), 15);
    }

    [Fact]
    public void Route_EstLatencyCmp_UsesTtftPlusOutputTime()
    {
        // est_latency_ms = ttft_p50_ms + expected_output_tokens / tokens_per_s * 1000: delta 250 + 256/200*1000.
        var decision = Route(Five(), Tenant(Filter(Cmp("est_latency_ms", CmpOp.Le, 1530))));

        Assert.Equal(["delta"], RankedIds(decision));
        Assert.Equal(1530, decision.Ranked[0].EstLatencyMs, 9);
    }

    [Fact]
    public void Route_LiveFields_ReadSnapshotStats()
    {
        var catalog = Five().WithStats(new Dictionary<string, ModelLiveStats>
        {
            ["alpha"] = new(1000, 300, 80, 0.5, 0.5, CircuitState.Closed),
            ["delta"] = new(1000, 300, 80, 0.999, 0.001, CircuitState.HalfOpen),
        });

        var decision = Route(catalog, Tenant(Filter(Cmp("availability", CmpOp.Ge, 0.99))));
        var halfOpen = Route(catalog, Tenant(Filter(Eq("circuit", "half_open"))));

        Assert.DoesNotContain("alpha", RankedIds(decision));
        Assert.Equal("0.5", RejectionOf(decision, "alpha").Actual);
        Assert.Equal(["delta"], RankedIds(halfOpen));
        Assert.Equal("\"closed\"", RejectionOf(halfOpen, "alpha").Actual);
    }
}
