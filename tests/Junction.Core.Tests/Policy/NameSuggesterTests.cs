using Junction.Core.Policy.Parsing;

namespace Junction.Core.Tests.Policy;

public sealed class NameSuggesterTests
{
    [Theory]
    [InlineData("regoin", "region", 1)]
    [InlineData("region", "region", 0)]
    [InlineData("gte", "ge", 1)]
    [InlineData("abc", "ca", 3)]
    [InlineData("", "and", 3)]
    [InlineData("Tools", "tools", 0)]
    public void Distance_Pairs_AreOptimalStringAlignment(string a, string b, int expected)
    {
        Assert.Equal(expected, NameSuggester.Distance(a, b));
    }

    [Theory]
    [InlineData("regoin", "region")]
    [InlineData("provder", "provider")]
    [InlineData("est_latency", "est_latency_ms")]
    [InlineData("Region", "region")]
    [InlineData("x", null)]
    [InlineData("zzzzzz", null)]
    public void Suggest_Name_ClosestKnownFieldOrNone(string name, string? expected)
    {
        Assert.Equal(expected, NameSuggester.Suggest(name, Junction.Core.Policy.PolicyFields.All.Select(f => f.Name)));
    }
}
