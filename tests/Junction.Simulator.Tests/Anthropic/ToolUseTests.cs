using System.Text.Json.Nodes;

namespace Junction.Simulator.Tests.Anthropic;

public sealed class ToolUseTests
{
    [Theory]
    [InlineData("""{"type":"any"}""", "What's up?")]
    [InlineData("""{"type":"tool","name":"get_weather"}""", "What's up?")]
    [InlineData("""{"type":"auto"}""", "Please use a tool for this")]
    [InlineData(null, "Which TOOLS can you call?")]
    public async Task Post_ToolsThatCallForACall_ReturnsOneToolUseBlock(string? toolChoice, string user)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var body = WithTools(AnthropicRequests.Body(user: user), toolChoice);

        var message = await TestSimulator.SendJsonAsync(client, AnthropicRequests.Messages(body));

        Assert.Equal("tool_use", (string)message["stop_reason"]!);
        var block = message["content"]!.AsArray().Single()!;
        Assert.Equal("tool_use", (string)block["type"]!);
        Assert.Matches("^toolu_[0-9A-Za-z]{24}$", (string)block["id"]!);
        Assert.Equal("get_weather", (string)block["name"]!);
        AssertWeatherInput(block["input"]!);
        Assert.True((int)message["usage"]!["output_tokens"]! > 0);
    }

    [Theory]
    [InlineData("""{"type":"auto"}""", "Hello there")]
    [InlineData("""{"type":"none"}""", "Please use a tool")]
    [InlineData("""{"type":"auto","disable_parallel_tool_use":true}""", "The toolbox is empty")]
    public async Task Post_ToolsThatDoNotCallForACall_ReturnsText(string toolChoice, string user)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var body = WithTools(AnthropicRequests.Body(user: user), toolChoice);

        var message = await TestSimulator.SendJsonAsync(client, AnthropicRequests.Messages(body));

        Assert.Equal("end_turn", (string)message["stop_reason"]!);
        Assert.StartsWith("Simulated reply", MessagesTests.Text(message), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SameToolRequestAsOpenAIDialect_SameCallArgumentsAndTokens()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var anthropic = WithTools(AnthropicRequests.Body(user: "Use a tool"), null);
        var openai = AnthropicRequests.OpenAIBody(user: "Use a tool");
        openai["tools"] = new JsonArray(TestSimulator.WeatherTool());

        var message = await TestSimulator.SendJsonAsync(client, AnthropicRequests.Messages(anthropic));
        var completion = await TestSimulator.SendJsonAsync(client, TestSimulator.Chat(openai));

        var call = completion["choices"]![0]!["message"]!["tool_calls"]![0]!;
        var block = message["content"]![0]!;
        Assert.Equal(((string)call["id"]!)["call_".Length..], ((string)block["id"]!)["toolu_".Length..]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse((string)call["function"]!["arguments"]!), block["input"]));
        Assert.Equal((int)completion["usage"]!["completion_tokens"]!, (int)message["usage"]!["output_tokens"]!);
        Assert.Equal((int)completion["usage"]!["prompt_tokens"]!, (int)message["usage"]!["input_tokens"]!);
    }

    [Fact]
    public async Task Stream_ToolUse_SendsBlockStartThenInputJsonFragments()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var body = WithTools(AnthropicRequests.Body(stream: true), """{"type":"any"}""");
        var whole = await TestSimulator.SendJsonAsync(client, AnthropicRequests.Messages(WithTools(AnthropicRequests.Body(), """{"type":"any"}""")));

        var read = await AnthropicRequests.StreamAsync(client, AnthropicRequests.Messages(body));

        var start = read.Single("content_block_start")["content_block"]!;
        Assert.Equal("tool_use", (string)start["type"]!);
        Assert.Equal((string)whole["content"]![0]!["id"]!, (string)start["id"]!);
        Assert.Equal("get_weather", (string)start["name"]!);
        Assert.Empty(start["input"]!.AsObject());
        Assert.All(read.Events.Where(e => e.Name == "content_block_delta"), e => Assert.True(((string)e.Data["delta"]!["partial_json"]!).Length <= 9));
        AssertWeatherInput(JsonNode.Parse(read.InputJson())!);
        var delta = read.Single("message_delta");
        Assert.Equal("tool_use", (string)delta["delta"]!["stop_reason"]!);
        Assert.Equal((int)whole["usage"]!["output_tokens"]!, (int)delta["usage"]!["output_tokens"]!);
    }

    private static JsonObject WithTools(JsonObject body, string? toolChoice)
    {
        body["tools"] = new JsonArray(AnthropicRequests.WeatherTool());
        if (toolChoice is not null)
        {
            body["tool_choice"] = JsonNode.Parse(toolChoice);
        }
        return body;
    }

    private static void AssertWeatherInput(JsonNode input)
    {
        Assert.Equal("sample", (string)input["city"]!);
        Assert.Equal("celsius", (string)input["unit"]!);
        Assert.Equal(1, (int)input["days"]!);
        Assert.Null(input["detailed"]);
    }
}
