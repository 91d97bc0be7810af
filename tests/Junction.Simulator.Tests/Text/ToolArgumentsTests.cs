using System.Text;
using System.Text.Json.Nodes;
using Junction.Simulator.Text;

namespace Junction.Simulator.Tests.Text;

public sealed class ToolArgumentsTests
{
    [Fact]
    public void Build_RequiredProperties_GetPlaceholdersByType()
    {
        var arguments = Build("""
            {"type":"object","properties":{
               "name":{"type":"string"},"count":{"type":"integer"},"ratio":{"type":"number"},"on":{"type":"boolean"},
               "tags":{"type":"array","items":{"type":"string"}},
               "when":{"type":"string","format":"date"},
               "mode":{"enum":["fast","slow"]},
               "maybe":{"type":["null","integer"]},
               "where":{"type":"object","properties":{"city":{"type":"string"},"zip":{"type":"string"}},"required":["city"]},
               "optional":{"type":"string"}},
             "required":["name","count","ratio","on","tags","when","mode","maybe","where"]}
            """);

        Assert.Equal("sample", (string)arguments["name"]!);
        Assert.Equal(1, (int)arguments["count"]!);
        Assert.Equal(1.5, (double)arguments["ratio"]!);
        Assert.True((bool)arguments["on"]!);
        Assert.Equal("sample", (string)arguments["tags"]![0]!);
        Assert.Equal("2025-01-01", (string)arguments["when"]!);
        Assert.Equal("fast", (string)arguments["mode"]!);
        Assert.Equal(1, (int)arguments["maybe"]!);
        Assert.Equal("sample", (string)arguments["where"]!["city"]!);
        Assert.False(arguments["where"]!.AsObject().ContainsKey("zip"));
        Assert.False(arguments.ContainsKey("optional"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"type\":\"object\",\"properties\":{}}")]
    public void Build_NoRequiredProperties_GivesEmptyObject(string schema) => Assert.Empty(Build(schema));

    private static JsonObject Build(string schema) =>
        JsonNode.Parse(ToolArguments.Build(Encoding.UTF8.GetBytes(schema)))!.AsObject();
}
