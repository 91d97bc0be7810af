using System.Text.Json.Nodes;

namespace Junction.Simulator.Tests.Gemini;

public sealed class GenerateContentTests
{
    [Fact]
    public async Task Generate_Text_AnswersInGeminisShape()
    {
        await using var host = await TestSimulator.StartAsync(o => o.Default.OutputTokens = 10);
        using var client = new HttpClient();

        var (status, body, response) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, GeminiTestClient.Body(), model: "gemini-2.5-flash"));

        Assert.Equal(200, status);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var candidate = body["candidates"]!.AsArray().Single()!;
        Assert.Equal("model", (string)candidate["content"]!["role"]!);
        Assert.StartsWith("Simulated reply from gemini-2.5-flash:", GeminiTestClient.Text(body), StringComparison.Ordinal);
        Assert.EndsWith(".", GeminiTestClient.Text(body), StringComparison.Ordinal);
        Assert.Equal("STOP", (string)candidate["finishReason"]!);
        Assert.Equal(0, (int)candidate["index"]!);
        var usage = body["usageMetadata"]!;
        Assert.Equal(10, (int)usage["candidatesTokenCount"]!);
        Assert.Equal((int)usage["promptTokenCount"]! + 10, (int)usage["totalTokenCount"]!);
        Assert.Equal("gemini-2.5-flash", (string)body["modelVersion"]!);
        Assert.Equal(23, ((string)body["responseId"]!).Length);
        Assert.Equal(1, host.RequestCount);
    }

    [Fact]
    public async Task Generate_StopSequenceInTheReply_StopsBeforeIt()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();
        var body = GeminiTestClient.Body();
        body["generationConfig"] = new JsonObject { ["stopSequences"] = new JsonArray("nowhere", " from") };

        var (status, answer, _) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, body, model: "gemini-2.5-flash"));

        Assert.Equal(200, status);
        Assert.Equal("Simulated reply", GeminiTestClient.Text(answer));
        Assert.Equal("STOP", GeminiTestClient.Finish(answer));
        Assert.Equal(2, (int)answer["usageMetadata"]!["candidatesTokenCount"]!);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(5)]
    public async Task Generate_SameRequestAsOpenAIDialect_GivesTheSameTextAndTokens(int? maxTokens)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var openAI = await TestSimulator.SendJsonAsync(client, TestSimulator.Chat(TestSimulator.Body(model: "m", user: "Tell me about rivers", maxTokens: maxTokens)));
        var (_, gemini, _) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, GeminiTestClient.Body("Tell me about rivers", maxTokens), model: "m"));

        Assert.Equal((string)openAI["choices"]![0]!["message"]!["content"]!, GeminiTestClient.Text(gemini));
        Assert.Equal((int)openAI["usage"]!["prompt_tokens"]!, (int)gemini["usageMetadata"]!["promptTokenCount"]!);
        Assert.Equal((int)openAI["usage"]!["completion_tokens"]!, (int)gemini["usageMetadata"]!["candidatesTokenCount"]!);
        Assert.Equal(maxTokens is null ? "STOP" : "MAX_TOKENS", GeminiTestClient.Finish(gemini));
    }

    [Fact]
    public async Task Generate_PromptOfToolResultsAndText_UsesTheLastUserTurnWithText()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();
        var withTail = JsonNode.Parse("""
            {"contents":[
              {"role":"user","parts":[{"text":"Tell me about rivers"}]},
              {"role":"model","parts":[{"functionCall":{"name":"f","args":{}}}]},
              {"role":"user","parts":[{"functionResponse":{"name":"f","response":{"ok":true}}}]}]}
            """)!;

        var (_, plain, _) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, JsonNode.Parse("""{"contents":[{"parts":[{"text":"Tell me about rivers"}]}]}""")!));
        var (_, tail, _) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, withTail));

        Assert.Equal(GeminiTestClient.Text(plain), GeminiTestClient.Text(tail));
        Assert.True((int)tail["usageMetadata"]!["promptTokenCount"]! > (int)plain["usageMetadata"]!["promptTokenCount"]!);
    }

    [Theory]
    [InlineData("{", "Invalid JSON payload received. Unexpected token.")]
    [InlineData("""{"contents":[{"parts":[{"text":"hi"}]}],"messages":[]}""", "Invalid JSON payload received. Unknown name \"messages\": Cannot find field.")]
    [InlineData("""{"contents":[]}""", "* GenerateContentRequest.contents: contents is not specified\n")]
    [InlineData("""{"systemInstruction":{"parts":[{"text":"x"}]}}""", "* GenerateContentRequest.contents: contents is not specified\n")]
    [InlineData("""{"contents":[{"role":"user","parts":[]}]}""", "* GenerateContentRequest.contents[0].parts: contents.parts must not be empty.\n")]
    [InlineData("""{"contents":[{"role":"assistant","parts":[{"text":"hi"}]}]}""", "Please use a valid role: user, model.")]
    [InlineData("""{"contents":[{"parts":[{"text":"hi"}]}],"generation_config":{"max_output_tokens":0}}""", "* GenerateContentRequest.generation_config.max_output_tokens: max_output_tokens must be positive.\n")]
    [InlineData("""{"contents":[{"parts":[{"text":"hi"}]}],"toolConfig":{"functionCallingConfig":{"mode":"ANY"}}}""", "Function calling config is set without function_declarations.")]
    [InlineData("""{"contents":[{"parts":[{"text":"hi"}]}],"generationConfig":{"stopSequences":"x"}}""", "Invalid value at 'generation_config.stop_sequences' (TYPE_STRING), expected a list of strings.")]
    [InlineData("""{"contents":[{"parts":[{"text":"hi"}]}],"generationConfig":{"stopSequences":["x",1]}}""", "Invalid value at 'generation_config.stop_sequences' (TYPE_STRING), expected a string.")]
    public async Task Generate_InvalidBody_AnswersInvalidArgument(string json, string message)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();
        using var request = GeminiTestClient.Generate(host, new JsonObject());
        request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        var (status, body, _) = await GeminiTestClient.SendAsync(client, request);

        Assert.Equal(400, status);
        Assert.Equal(400, (int)body["error"]!["code"]!);
        Assert.Equal("INVALID_ARGUMENT", (string)body["error"]!["status"]!);
        Assert.Equal(message, (string)body["error"]!["message"]!);
    }

    [Fact]
    public async Task Generate_SnakeCaseFields_AreAccepted()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();
        var json = JsonNode.Parse("""{"contents":[{"parts":[{"text":"hi"}]}],"system_instruction":{"parts":[{"text":"x"}]},"generation_config":{"max_output_tokens":3}}""")!;

        var (status, body, _) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, json));

        Assert.Equal(200, status);
        Assert.Equal(3, (int)body["usageMetadata"]!["candidatesTokenCount"]!);
        Assert.Equal("MAX_TOKENS", GeminiTestClient.Finish(body));
    }

    [Theory]
    [InlineData("models/gemini-test:countTokens")]
    [InlineData("models/:generateContent")]
    [InlineData("cachedContents")]
    public async Task Post_UnknownMethod_AnswersNotFoundInGeminisShape(string path)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();

        using var response = await client.PostAsync(new Uri(GeminiTestClient.BaseUrl(host), path), new StringContent("{}"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("NOT_FOUND", (string)body["error"]!["status"]!);
    }

    [Fact]
    public async Task Stream_WithoutAltSse_IsRefused()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(GeminiTestClient.BaseUrl(host), "models/m:streamGenerateContent"))
        {
            Content = new StringContent(GeminiTestClient.Body().ToJsonString()),
        };

        var (status, body, _) = await GeminiTestClient.SendAsync(client, request);

        Assert.Equal(400, status);
        Assert.Contains("alt=sse", (string)body["error"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_RequiredKey_ChecksTheGoogleHeader()
    {
        await using var host = await TestSimulator.StartAsync(o => o.RequiredApiKey = "sim-key");
        using var client = new HttpClient();

        var (missing, missingBody, _) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, GeminiTestClient.Body()));
        var (wrong, wrongBody, _) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, GeminiTestClient.Body(), apiKey: "nope"));
        var (right, _, _) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, GeminiTestClient.Body(), apiKey: "sim-key"));

        Assert.Equal(403, missing);
        Assert.Equal("PERMISSION_DENIED", (string)missingBody["error"]!["status"]!);
        Assert.Equal(400, wrong);
        Assert.Equal("API_KEY_INVALID", (string)wrongBody["error"]!["details"]![0]!["reason"]!);
        Assert.Equal(200, right);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sim-key")]
    public async Task Generate_KeyInQueryString_IsAlwaysRefused(string? requiredKey)
    {
        await using var host = await TestSimulator.StartAsync(o => o.RequiredApiKey = requiredKey);
        using var client = new HttpClient();

        var (status, body, _) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, GeminiTestClient.Body(), query: "?key=sim-key"));

        Assert.Equal(400, status);
        Assert.Contains("x-goog-api-key", (string)body["error"]!["message"]!, StringComparison.Ordinal);
    }
}
