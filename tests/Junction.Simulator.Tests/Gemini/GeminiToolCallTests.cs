using System.Text.Json.Nodes;

namespace Junction.Simulator.Tests.Gemini;

public sealed class GeminiToolCallTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Generate_AutoAndUserMentionsTool_CallsTheFirstFunctionWithArgumentsFromItsSchema(bool openApiTypes)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();
        var body = GeminiTestClient.Body("Use a tool for Paris weather");
        body["tools"] = new JsonArray(GeminiTestClient.WeatherTools(openApiTypes));

        var (_, response, _) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, body));

        var call = Assert.Single(GeminiTestClient.Parts(response))!["functionCall"]!.AsObject();
        Assert.Equal("get_weather", (string)call["name"]!);
        Assert.False(call.ContainsKey("id"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"city":"sample","unit":"celsius","days":1}"""), call["args"]), call["args"]!.ToJsonString());
        Assert.Equal("STOP", GeminiTestClient.Finish(response));
        Assert.Equal(3 + 11, (int)response["usageMetadata"]!["candidatesTokenCount"]!);
    }

    [Fact]
    public async Task Generate_AutoWithoutToolWord_AnswersText()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();
        var body = GeminiTestClient.Body("What is the weather in Paris?");
        body["tools"] = new JsonArray(GeminiTestClient.WeatherTools());

        var (_, response, _) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, body));

        Assert.StartsWith("Simulated reply", GeminiTestClient.Text(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ANY", null, "get_weather")]
    [InlineData("ANY", "get_time", "get_time")]
    [InlineData("NONE", null, null)]
    public async Task Generate_FunctionCallingMode_DecidesTheCall(string mode, string? allowed, string? expected)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();
        var body = GeminiTestClient.Body("Use a tool please");
        body["tools"] = new JsonArray(GeminiTestClient.WeatherTools());
        var config = new JsonObject { ["mode"] = mode };
        if (allowed is not null)
        {
            config["allowedFunctionNames"] = new JsonArray(allowed);
        }

        body["toolConfig"] = new JsonObject { ["functionCallingConfig"] = config };

        var (status, response, _) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, body));

        Assert.Equal(200, status);
        var call = GeminiTestClient.Parts(response)[0]!["functionCall"];
        Assert.Equal(expected, (string?)call?["name"]);
    }

    [Theory]
    [InlineData("AUTO", "get_weather", "allowed_function_names should only be set when the Function calling mode is ANY")]
    [InlineData("ANY", "nope", "function 'nope' is not declared in tools")]
    [InlineData("SOMETIMES", null, "FunctionCallingConfig.Mode), \"SOMETIMES\"")]
    public async Task Generate_InvalidFunctionCallingConfig_AnswersInvalidArgument(string mode, string? allowed, string message)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();
        var body = GeminiTestClient.Body();
        body["tools"] = new JsonArray(GeminiTestClient.WeatherTools());
        var config = new JsonObject { ["mode"] = mode };
        if (allowed is not null)
        {
            config["allowedFunctionNames"] = new JsonArray(allowed);
        }

        body["toolConfig"] = new JsonObject { ["functionCallingConfig"] = config };

        var (status, response, _) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, body));

        Assert.Equal(400, status);
        Assert.Contains(message, (string)response["error"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_FunctionCall_ArrivesWholeInOneFinalChunk()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();
        var body = GeminiTestClient.Body("tools time");
        body["tools"] = new JsonArray(GeminiTestClient.WeatherTools());

        var (_, whole, _) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, body));
        var read = await TestSimulator.StreamAsync(client, GeminiTestClient.Generate(host, body, stream: true));

        var chunk = Assert.Single(read.Chunks());
        Assert.True(JsonNode.DeepEquals(whole["candidates"], chunk["candidates"]), $"{whole["candidates"]} vs {chunk["candidates"]}");
        Assert.True(JsonNode.DeepEquals(whole["usageMetadata"], chunk["usageMetadata"]));
    }
}
