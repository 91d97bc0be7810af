using Junction.Core.Fallback;
using Junction.Core.Policy;
using Junction.Core.Policy.Ast;
using Junction.Core.Routing;
using static Junction.Core.Tests.Routing.RoutingFixtures;

namespace Junction.Core.Tests.Routing;

public sealed class RouterLayeringTests
{
    [Fact]
    public void Route_TwoLayersReject_NamesMostGeneralLayer()
    {
        var decision = Route(Five(), Tenant(Filter(Ne("provider", "openai"))), RequestLayer(Filter(Ne("provider", "openai"))));

        Assert.Equal("tenant:acme", RejectionOf(decision, "alpha").Layer);
    }

    [Fact]
    public void Route_LayersGivenOutOfOrder_EvaluatesMostGeneralFirst()
    {
        var decision = Route(Five(), RequestLayer(Filter(Ne("provider", "openai"))), Key(Filter(Ne("provider", "openai"))));

        Assert.Equal("key:jk_ab12", RejectionOf(decision, "alpha").Layer);
    }

    [Fact]
    public void Route_RequestCannotWidenTenantFilter()
    {
        var decision = Route(Five(), Tenant(Filter(Eq("region", "eu"))), RequestLayer(Filter(In("region", "eu", "us", "asia"))));

        Assert.Equal(["alpha", "delta", "echo"], RankedIds(decision).Order());
    }

    [Fact]
    public void Route_MaxCost_RejectsAtLayerWithSmallestLimit()
    {
        var decision = Route(Five(),
            Tenant(new PolicyDocument { MaxCost = 0.005 }),
            RequestLayer(new PolicyDocument { MaxCost = 0.001 }));

        var rejection = RejectionOf(decision, "alpha");
        Assert.Equal(("request", "[\"cmp\",\"est_cost\",\"le\",0.001]"), (rejection.Layer, rejection.Rule));
        Assert.Equal(0.004048, double.Parse(rejection.Actual!, System.Globalization.CultureInfo.InvariantCulture), 15);
        Assert.Equal(["charlie", "delta", "echo"], RankedIds(decision).Order());
    }

    [Fact]
    public void Route_MaxCostTie_BlamesMostGeneralLayer()
    {
        var decision = Route(Five(), Tenant(new PolicyDocument { MaxCost = 0.001 }), RequestLayer(new PolicyDocument { MaxCost = 0.001 }));

        Assert.Equal("tenant:acme", RejectionOf(decision, "bravo").Layer);
    }

    [Fact]
    public void Compile_Layers_MergesLimitsNarrowing()
    {
        var compiled = new PolicyCompiler().Compile(
        [
            Tenant(new PolicyDocument
            {
                MaxCost = 0.02,
                NoLog = true,
                Fallback = new FallbackSpec(5, [ErrorKind.Timeout, ErrorKind.RateLimited, ErrorKind.ServerError], 20_000),
            }),
            Key(new PolicyDocument { NoLog = false, Fallback = new FallbackSpec(2, null, null) }),
            RequestLayer(new PolicyDocument
            {
                MaxCost = 0.5,
                Fallback = new FallbackSpec(9, [ErrorKind.Timeout, ErrorKind.Connect, ErrorKind.RateLimited], 60_000),
            }),
        ]);

        Assert.Equal(0.02, compiled.MaxCost);
        Assert.True(compiled.NoLog);
        Assert.Equal(2, compiled.MaxAttempts);
        Assert.Equal(20_000, compiled.AttemptTimeoutMs);
        Assert.Equal([ErrorKind.RateLimited, ErrorKind.Timeout], compiled.FallbackOn);
    }

    [Fact]
    public void Compile_NoLayerSetsLimits_UsesHostDefaults()
    {
        var compiled = new PolicyCompiler().Compile([Tenant(PolicyDocument.Empty)]);

        Assert.Null(compiled.MaxCost);
        Assert.False(compiled.NoLog);
        Assert.Equal(PolicyDefaults.MaxAttempts, compiled.MaxAttempts);
        Assert.Equal(PolicyDefaults.AttemptTimeoutMs, compiled.AttemptTimeoutMs);
        Assert.Equal(PolicyDefaults.FallbackOn, compiled.FallbackOn);
    }

    [Fact]
    public void Route_RankFromMostSpecificLayer()
    {
        var decision = Route(Five(),
            Tenant(new PolicyDocument { Rank = Strategies.BestQuality }),
            RequestLayer(new PolicyDocument { Rank = Strategies.LowestCost }));

        Assert.Equal("delta", decision.Chosen!.Model.Id);
    }

    [Fact]
    public void Route_TenantLocksRank_RequestRankIgnored()
    {
        var decision = Route(Five(),
            Tenant(new PolicyDocument { Rank = Strategies.BestQuality, Lock = PolicyLocks.Rank }),
            RequestLayer(new PolicyDocument { Rank = Strategies.LowestCost }));

        Assert.Equal("bravo", decision.Chosen!.Model.Id);
    }

    [Fact]
    public void Route_LockWithoutValue_FreezesInheritedDefault()
    {
        var locked = new PolicyCompiler().Compile(
            [Tenant(new PolicyDocument { Lock = PolicyLocks.Rank }), RequestLayer(new PolicyDocument { Rank = Strategies.LowestCost })]);
        var defaults = new PolicyCompiler().Compile([Tenant(PolicyDocument.Empty)]);

        Assert.Equal(defaults.Fingerprint, locked.Fingerprint);
    }

    [Fact]
    public void Route_TenantLocksSelect_RequestPinIgnoredButItsFilterStillNarrows()
    {
        var decision = Route(Five(),
            Tenant(new PolicyDocument { Select = new ArgmaxSelection(), Lock = PolicyLocks.Select }),
            RequestLayer(new PolicyDocument { Filter = In("model", "alpha", "delta"), Select = new PinSelection("alpha"), Rank = Strategies.LowestCost }));

        Assert.Equal(["delta", "alpha"], RankedIds(decision));
    }
}
