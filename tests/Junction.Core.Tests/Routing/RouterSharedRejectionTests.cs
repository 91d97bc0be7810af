using Junction.Core.Catalog;
using Junction.Core.Routing;
using static Junction.Core.Tests.Routing.RoutingFixtures;

namespace Junction.Core.Tests.Routing;

/// <summary>
/// Static rejections (fixed by the policy and the snapshot) are made once per binding and shared by later decisions;
/// sharing must never change what a decision says.
/// </summary>
public sealed class RouterSharedRejectionTests
{
    private static readonly PolicyLayer OpenAIOrAnthropic = Tenant(Filter(In("provider", "openai", "anthropic")));

    [Fact]
    public void Route_SamePolicyAndSnapshot_SharesTheStaticRejectionList()
    {
        var (router, policy, catalog) = Setup();

        var first = router.Route(policy, catalog, Request());
        var second = router.Route(policy, catalog, Request(prompt: 2_000));

        Assert.Same(first.Rejected, second.Rejected);
        Assert.True(first.RejectedShared && second.RejectedShared);
        Assert.Equal(["charlie", "delta", "echo"], first.Rejected.Select(r => r.Model));
        Assert.Equal(new Rejection("charlie", "deepseek", "tenant:acme", "[\"in\",\"provider\",[\"anthropic\",\"openai\"]]", "\"deepseek\""), first.Rejected[0]);
    }

    [Fact]
    public void Route_ExtraRequestRejection_GetsItsOwnListButSharesStaticRecords()
    {
        var (router, policy, catalog) = Setup();
        var usual = router.Route(policy, catalog, Request());

        // echo (32k context) fails fits before the tenant's filter is consulted.
        var large = router.Route(policy, catalog, Request(prompt: 40_000));

        Assert.NotSame(usual.Rejected, large.Rejected);
        Assert.False(large.RejectedShared);
        Assert.Equal(["charlie", "delta", "echo"], large.Rejected.Select(r => r.Model));
        Assert.Equal(("host", "[\"fits\"]"), (large.Rejected[2].Layer, large.Rejected[2].Rule));
        Assert.Same(usual.Rejected[0], large.Rejected[0]);

        // The usual request afterwards still gets the shared list, unchanged.
        var again = router.Route(policy, catalog, Request());
        Assert.Same(usual.Rejected, again.Rejected);
        Assert.Equal(("tenant:acme", "\"mistral\""), (again.Rejected[2].Layer, again.Rejected[2].Actual));
    }

    [Fact]
    public void Route_NewSnapshot_MakesNewRecords()
    {
        var (router, policy, catalog) = Setup();
        var before = router.Route(policy, catalog, Request());

        var after = router.Route(policy, Five(), Request());

        Assert.NotSame(before.Rejected, after.Rejected);
        Assert.Equal(before.Rejected, after.Rejected);
    }

    private static (Router Router, CompiledPolicy Policy, CatalogSnapshot Catalog) Setup() =>
        (new Router(new Random(7)), new PolicyCompiler().Compile([OpenAIOrAnthropic]), Five());
}
