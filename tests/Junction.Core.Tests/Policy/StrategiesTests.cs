using Junction.Core.Policy;
using Junction.Core.Policy.Ast;

namespace Junction.Core.Tests.Policy;

public sealed class StrategiesTests
{
    [Theory]
    [InlineData("lowest_cost", """["neg",["normalize",["field","est_cost"]]]""")]
    [InlineData("fastest", """["neg",["normalize",["field","est_latency_ms"]]]""")]
    [InlineData("best_quality", """["normalize",["field","bench_intelligence"]]""")]
    [InlineData("max_reliability", """["weighted",[[1,["normalize",["field","availability"]]],[0.01,["normalize",["field","bench_intelligence"]]]]]""")]
    [InlineData("balanced", """["weighted",[[0.35,["normalize",["field","bench_intelligence"]]],[0.35,["neg",["normalize",["field","est_cost"]]]],[0.15,["neg",["normalize",["field","est_latency_ms"]]]],[0.15,["normalize",["field","availability"]]]]]""")]
    public void TryGet_DocumentedName_CompilesToDocumentedScorer(string name, string expected)
    {
        Assert.True(Strategies.TryGet(name, out var scorer));
        Assert.Equal(expected, PolicyCanonicalizer.ToJson(scorer));
    }

    [Fact]
    public void TryGet_EveryListedName_Resolves()
    {
        Assert.All(Strategies.Names, name => Assert.True(Strategies.TryGet(name, out _)));
    }

    [Theory]
    [InlineData("cheapest")]
    [InlineData("Lowest_Cost")]
    [InlineData("")]
    public void TryGet_UnknownName_ReturnsFalse(string name)
    {
        Assert.False(Strategies.TryGet(name, out _));
    }

    [Fact]
    public void Balanced_IsTheDefaultRank()
    {
        Assert.Same(Strategies.Balanced, PolicyDefaults.Rank);
    }

    [Fact]
    public void Balanced_WeightsSumToOne()
    {
        var weighted = Assert.IsType<WeightedScorer>(Strategies.Balanced);

        Assert.Equal(1.0, weighted.Terms.Sum(t => t.Weight), 12);
    }
}
