using System.Text;
using System.Text.Json.Nodes;

namespace Junction.Simulator.Tests.OpenAI;

public sealed class ToolCallTests
{
    [Theory]
    [InlineData("\"required\"", "What's up?")]
    [InlineData("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}", "What's up?")]
    [InlineData("\"auto\"", "Please use a tool for this")]
    [InlineData(null, "Which TOOLS can you call?")]
    public async Task Post_ToolsThatCallForACall_ReturnsOneToolCall(string? toolChoice, string user)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var body = WithTools(TestSimulator.Body(user: user), toolChoice);

        var completion = await TestSimulator.SendJsonAsync(client, TestSimulator.Chat(body));

        var choice = completion["choices"]![0]!;
        Assert.Equal("tool_calls", (string)choice["finish_reason"]!);
        Assert.Null(choice["message"]!["content"]);
        var call = choice["message"]!["tool_calls"]!.AsArray().Single()!;
        Assert.StartsWith("call_", (string)call["id"]!, StringComparison.Ordinal);
        Assert.Equal("function", (string)call["type"]!);
        Assert.Equal("get_weather", (string)call["function"]!["name"]!);
        AssertWeatherArguments((string)call["function"]!["arguments"]!);
        Assert.True((int)completion["usage"]!["completion_tokens"]! > 0);
    }

    [Theory]
    [InlineData("\"auto\"", "Hello there")]
    [InlineData("\"none\"", "Please use a tool")]
    [InlineData("\"auto\"", "The toolbox is empty")]
    public async Task Post_ToolsThatDoNotCallForACall_ReturnsText(string toolChoice, string user)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var body = WithTools(TestSimulator.Body(user: user), toolChoice);

        var completion = await TestSimulator.SendJsonAsync(client, TestSimulator.Chat(body));

        Assert.Equal("stop", (string)completion["choices"]![0]!["finish_reason"]!);
        Assert.StartsWith("Simulated reply", ChatCompletionTests.Content(completion), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_NamedFunctionAmongSeveral_CallsThatFunction()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var body = TestSimulator.Body();
        body["tools"] = new JsonArray(
            JsonNode.Parse("""{"type":"function","function":{"name":"lookup","parameters":{"type":"object","properties":{"q":{"type":"string"}},"required":["q"]}}}"""),
            TestSimulator.WeatherTool());
        body["tool_choice"] = JsonNode.Parse("""{"type":"function","function":{"name":"get_weather"}}""");

        var completion = await TestSimulator.SendJsonAsync(client, TestSimulator.Chat(body));

        Assert.Equal("get_weather", (string)completion["choices"]![0]!["message"]!["tool_calls"]![0]!["function"]!["name"]!);
    }

    [Fact]
    public async Task Stream_ToolCall_SendsHeaderDeltaThenArgumentFragments()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var body = WithTools(TestSimulator.Body(stream: true, includeUsage: true), "\"required\"");
        var whole = await TestSimulator.SendJsonAsync(client, TestSimulator.Chat(WithTools(TestSimulator.Body(), "\"required\"")));

        var read = await TestSimulator.StreamAsync(client, TestSimulator.Chat(body));

        var chunks = read.Chunks();
        var header = ChatCompletionStreamTests.Delta(chunks[0]);
        Assert.Equal("assistant", (string)header["role"]!);
        var headerCall = header["tool_calls"]![0]!;
        Assert.Equal(0, (int)headerCall["index"]!);
        Assert.StartsWith("call_", (string)headerCall["id"]!, StringComparison.Ordinal);
        Assert.Equal("function", (string)headerCall["type"]!);
        Assert.Equal("get_weather", (string)headerCall["function"]!["name"]!);
        Assert.Equal("", (string)headerCall["function"]!["arguments"]!);

        var arguments = new StringBuilder();
        var fragments = 0;
        foreach (var chunk in chunks.Skip(1))
        {
            if (chunk["choices"]!.AsArray().Count > 0 && ChatCompletionStreamTests.Delta(chunk)["tool_calls"] is JsonArray calls)
            {
                Assert.Equal(0, (int)calls[0]!["index"]!);
                Assert.False(calls[0]!.AsObject().ContainsKey("id"));
                arguments.Append((string)calls[0]!["function"]!["arguments"]!);
                fragments++;
            }
        }
        Assert.True(fragments > 1);
        AssertWeatherArguments(arguments.ToString());
        Assert.Equal((string)whole["choices"]![0]!["message"]!["tool_calls"]![0]!["function"]!["arguments"]!, arguments.ToString());
        Assert.Equal("tool_calls", (string)ChatCompletionStreamTests.Choice(chunks[^2])["finish_reason"]!);
        Assert.True(JsonNode.DeepEquals(whole["usage"], chunks[^1]["usage"]));
    }

    private static JsonObject WithTools(JsonObject body, string? toolChoice)
    {
        body["tools"] = new JsonArray(TestSimulator.WeatherTool());
        if (toolChoice is not null)
        {
            body["tool_choice"] = JsonNode.Parse(toolChoice);
        }
        return body;
    }

    private static void AssertWeatherArguments(string arguments)
    {
        var parsed = JsonNode.Parse(arguments)!.AsObject();
        Assert.Equal("sample", (string)parsed["city"]!);
        Assert.Equal("celsius", (string)parsed["unit"]!);
        Assert.Equal(1, (int)parsed["days"]!);
        Assert.False(parsed.ContainsKey("detailed"));
    }
}
