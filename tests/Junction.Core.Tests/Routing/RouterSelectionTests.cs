using Junction.Core.Policy;
using Junction.Core.Policy.Ast;
using Junction.Core.Routing;
using static Junction.Core.Tests.Routing.RoutingFixtures;

namespace Junction.Core.Tests.Routing;

public sealed class RouterSelectionTests
{
    private static PolicyLayer Split(params (string Model, double Weight)[] arms) =>
        Tenant(new PolicyDocument { Select = new SplitSelection(Arms(arms)), Rank = Strategies.LowestCost });

    [Fact]
    public void Route_Argmax_ChoosesTopAndKeepsCascade()
    {
        var decision = Route(Five(), Tenant(new PolicyDocument { Rank = Strategies.LowestCost }));

        Assert.Equal("delta", decision.Chosen!.Model.Id);
        Assert.Equal(5, decision.Ranked.Count);
        Assert.Null(decision.Arm);
    }

    [Fact]
    public void Route_PinSurvivor_OnlyThatModelInCascade()
    {
        var decision = Route(Five(), Tenant(new PolicyDocument { Select = new PinSelection("bravo") }));

        Assert.Equal(["bravo"], RankedIds(decision));
    }

    [Fact]
    public void Route_SplitWithStickyKey_SameKeySameArm()
    {
        var layer = Split(("alpha", 1), ("bravo", 1));
        var compiled = new PolicyCompiler().Compile([layer]);

        for (var user = 0; user < 50; user++)
        {
            var key = "user-" + user;
            var first = new Router(new Random(1)).Route(compiled, Five(), Request(sticky: key));
            var second = new Router(new Random(2)).Route(compiled, Five(), Request(sticky: key));
            Assert.Equal(first.Arm, second.Arm);
            Assert.Equal(first.Arm, first.Chosen!.Model.Id);
        }
    }

    [Fact]
    public void Route_SplitSticky_SpreadsKeysByWeight()
    {
        var compiled = new PolicyCompiler().Compile([Split(("alpha", 3), ("bravo", 1))]);
        var router = new Router();
        var catalog = Five();

        var alpha = 0;
        for (var user = 0; user < 4000; user++)
        {
            alpha += router.Route(compiled, catalog, Request(sticky: "user-" + user)).Arm == "alpha" ? 1 : 0;
        }

        Assert.InRange(alpha / 4000.0, 0.72, 0.78);
    }

    [Fact]
    public void Route_SplitWithoutKey_UsesInjectedRandom()
    {
        var compiled = new PolicyCompiler().Compile([Split(("alpha", 1), ("bravo", 1), ("delta", 1))]);

        static string?[] Arms(Router router, CompiledPolicy compiled) =>
            [.. Enumerable.Range(0, 30).Select(_ => router.Route(compiled, Five(), Request()).Arm)];

        var first = Arms(new Router(new Random(42)), compiled);
        var second = Arms(new Router(new Random(42)), compiled);

        Assert.Equal(first, second);
        Assert.Equal(3, first.Distinct().Count());
    }

    [Fact]
    public void Route_Split_ChosenArmFirstThenOthersByRank()
    {
        var decision = Route(Five(), Request(sticky: "k"), Split(("bravo", 1)));

        Assert.Equal(["bravo", "delta", "charlie", "echo", "alpha"], RankedIds(decision));
        Assert.Equal("bravo", decision.Arm);
    }

    [Fact]
    public void Route_SplitArmRejected_WeightsRenormalizedOverSurvivors()
    {
        var decision = Route(Five(), Request(sticky: "k"), Split(("charlie", 1000), ("echo", 1)), RequestLayer(Filter(Ne("model", "charlie"))));

        Assert.Equal("echo", decision.Arm);
        Assert.Equal("echo", decision.Chosen!.Model.Id);
    }

    [Fact]
    public void Route_SplitNoArmSurvives_FallsBackToRankWithoutArm()
    {
        var decision = Route(Five(), Request(sticky: "k"), Split(("zulu", 1)));

        Assert.Null(decision.Arm);
        Assert.Equal("delta", decision.Chosen!.Model.Id);
    }

    [Fact]
    public void Route_SplitArmOrder_DoesNotChangeTheChoice()
    {
        for (var user = 0; user < 50; user++)
        {
            var request = Request(sticky: "u" + user);
            var ab = Route(Five(), request, Split(("alpha", 2), ("bravo", 1)));
            var ba = Route(Five(), request, Split(("bravo", 1), ("alpha", 2)));
            Assert.Equal(ab.Arm, ba.Arm);
        }
    }
}
