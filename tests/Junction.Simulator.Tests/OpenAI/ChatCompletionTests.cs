using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Junction.Simulator.Tests.OpenAI;

public sealed class ChatCompletionTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Post_StopInTheReply_StopsBeforeIt(bool stream)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var body = TestSimulator.Body(model: "gpt-4.1-mini", stream: stream);
        body["stop"] = stream ? new JsonArray(" from", "reply") : " from";

        string text, finish;
        if (stream)
        {
            var read = await TestSimulator.StreamAsync(client, TestSimulator.Chat(body));
            text = read.Text();
            finish = (string)read.Chunks().Last(c => c["choices"] is JsonArray { Count: > 0 })["choices"]![0]!["finish_reason"]!;
        }
        else
        {
            var completion = await TestSimulator.SendJsonAsync(client, TestSimulator.Chat(body));
            text = Content(completion);
            finish = (string)completion["choices"]![0]!["finish_reason"]!;
        }

        Assert.Equal(stream ? "Simulated " : "Simulated reply", text);
        Assert.Equal("stop", finish);
    }

    [Fact]
    public async Task Post_StopNotAStringOrList_IsInvalidRequest()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var body = TestSimulator.Body();
        body["stop"] = 3;

        using var response = await client.SendAsync(TestSimulator.Chat(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("stop", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_PlainRequest_ReturnsCompletionInOpenAIShape()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var completion = await TestSimulator.SendJsonAsync(client, TestSimulator.Chat(TestSimulator.Body(model: "gpt-4.1-mini")));

        Assert.StartsWith("chatcmpl-", (string)completion["id"]!, StringComparison.Ordinal);
        Assert.Equal("chat.completion", (string)completion["object"]!);
        Assert.True((long)completion["created"]! > 1_600_000_000);
        Assert.Equal("gpt-4.1-mini", (string)completion["model"]!);
        Assert.StartsWith("fp_", (string)completion["system_fingerprint"]!, StringComparison.Ordinal);

        var choice = completion["choices"]!.AsArray().Single()!;
        Assert.Equal(0, (int)choice["index"]!);
        Assert.Equal("stop", (string)choice["finish_reason"]!);
        Assert.Null(choice["logprobs"]);
        var message = choice["message"]!.AsObject();
        Assert.Equal("assistant", (string)message["role"]!);
        Assert.StartsWith("Simulated reply from gpt-4.1-mini: ", (string)message["content"]!, StringComparison.Ordinal);
        Assert.True(message.ContainsKey("refusal"));
        Assert.Null(message["refusal"]);
        Assert.False(message.ContainsKey("tool_calls"));

        var usage = completion["usage"]!;
        Assert.Equal(24, (int)usage["completion_tokens"]!);
        Assert.True((int)usage["prompt_tokens"]! > 0);
        Assert.Equal((int)usage["prompt_tokens"]! + 24, (int)usage["total_tokens"]!);
        Assert.Equal(0, (int)usage["prompt_tokens_details"]!["cached_tokens"]!);
        Assert.Equal(0, (int)usage["completion_tokens_details"]!["reasoning_tokens"]!);
    }

    [Fact]
    public async Task Post_SameRequestTwice_GivesSameTextAndDifferentIds()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var first = await TestSimulator.SendJsonAsync(client, TestSimulator.Chat(TestSimulator.Body(user: "What is a gateway?")));
        var second = await TestSimulator.SendJsonAsync(client, TestSimulator.Chat(TestSimulator.Body(user: "What is a gateway?")));
        var other = await TestSimulator.SendJsonAsync(client, TestSimulator.Chat(TestSimulator.Body(user: "Something else entirely")));

        Assert.Equal(Content(first), Content(second));
        Assert.NotEqual(Content(first), Content(other));
        Assert.NotEqual((string)first["id"]!, (string)second["id"]!);
    }

    [Fact]
    public async Task Post_MaxTokensBelowOutputTokens_CutsWithLength()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var completion = await TestSimulator.SendJsonAsync(client, TestSimulator.Chat(TestSimulator.Body(maxTokens: 6)));

        Assert.Equal("length", (string)completion["choices"]![0]!["finish_reason"]!);
        Assert.Equal(6, (int)completion["usage"]!["completion_tokens"]!);
        Assert.Equal(6, Content(completion).Split(' ').Length);
    }

    [Fact]
    public async Task Post_MaxCompletionTokensAboveOutputTokens_StopsAtOutputTokens()
    {
        await using var host = await TestSimulator.StartAsync(o => o.Default.OutputTokens = 10);
        using var client = TestSimulator.Client(host);
        var body = TestSimulator.Body();
        body["max_completion_tokens"] = 50;

        var completion = await TestSimulator.SendJsonAsync(client, TestSimulator.Chat(body));

        Assert.Equal("stop", (string)completion["choices"]![0]!["finish_reason"]!);
        Assert.Equal(10, (int)completion["usage"]!["completion_tokens"]!);
        Assert.EndsWith(".", Content(completion), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_OutputTokensHeader_OverridesModelLength()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var request = TestSimulator.Chat(TestSimulator.Body());
        request.Headers.Add("x-sim-output-tokens", "5");

        var completion = await TestSimulator.SendJsonAsync(client, request);

        Assert.Equal(5, (int)completion["usage"]!["completion_tokens"]!);
    }

    [Fact]
    public async Task Post_ContentParts_AreReadAsText()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var asString = TestSimulator.Body(user: "Describe the river");
        var asParts = TestSimulator.Body();
        asParts["messages"]![1]!["content"] = JsonNode.Parse("""[{"type":"text","text":"Describe the river"},{"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]""");

        var fromString = await TestSimulator.SendJsonAsync(client, TestSimulator.Chat(asString));
        var fromParts = await TestSimulator.SendJsonAsync(client, TestSimulator.Chat(asParts));

        Assert.Equal(Content(fromString), Content(fromParts));
    }

    [Theory]
    [InlineData("{\"model\": \"gpt\", \"messages\": [", null, null)]
    [InlineData("not json at all", null, null)]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", null, null)]
    [InlineData("{\"model\":\"gpt\"}", "messages", "missing_required_parameter")]
    [InlineData("{\"model\":\"gpt\",\"messages\":[]}", "messages", "empty_array")]
    [InlineData("{\"model\":\"gpt\",\"messages\":\"hi\"}", "messages", "invalid_type")]
    [InlineData("{\"model\":\"gpt\",\"messages\":[{\"content\":\"hi\"}]}", "messages[0].role", "missing_required_parameter")]
    [InlineData("{\"model\":\"gpt\",\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}", "messages[0].role", "invalid_value")]
    [InlineData("{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":0}", "max_tokens", "integer_below_min_value")]
    [InlineData("{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":\"yes\"}", "stream", "invalid_type")]
    [InlineData("{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tool_choice\":\"auto\"}", "tool_choice", "invalid_value")]
    public async Task Post_InvalidBody_Returns400InOpenAIErrorShape(string body, string? param, string? code)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        using var response = await client.PostAsync("chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ReadErrorAsync(response);
        Assert.Equal("invalid_request_error", (string)error["type"]!);
        Assert.False(string.IsNullOrEmpty((string)error["message"]!));
        Assert.Equal(param, (string?)error["param"]);
        Assert.Equal(code, (string?)error["code"]);
        Assert.Equal(1, host.RequestCount);
    }

    [Fact]
    public async Task Post_MissingModel_SaysSoLikeOpenAI()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        using var response = await client.PostAsync("chat/completions",
            new StringContent("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Encoding.UTF8, "application/json"));

        var error = await ReadErrorAsync(response);
        Assert.Equal("you must provide a model parameter", (string)error["message"]!);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("sk-wrong", "invalid_api_key")]
    public async Task Post_WithoutRequiredKey_Returns401(string? key, string? code)
    {
        await using var host = await TestSimulator.StartAsync(o => o.RequiredApiKey = "sk-sim-secret");
        using var client = TestSimulator.Client(host);

        using var response = await client.SendAsync(TestSimulator.Chat(TestSimulator.Body(), apiKey: key));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("sk-sim-secret", text, StringComparison.Ordinal);
        var error = JsonNode.Parse(text)!["error"]!;
        Assert.Equal("invalid_request_error", (string)error["type"]!);
        Assert.Equal(code, (string?)error["code"]);
    }

    [Fact]
    public async Task Post_WithRequiredKey_Succeeds()
    {
        await using var host = await TestSimulator.StartAsync(o => o.RequiredApiKey = "sk-sim-secret");
        using var client = TestSimulator.Client(host);

        var completion = await TestSimulator.SendJsonAsync(client, TestSimulator.Chat(TestSimulator.Body(), apiKey: "sk-sim-secret"));

        Assert.Equal("chat.completion", (string)completion["object"]!);
    }

    [Fact]
    public async Task Post_InvalidBehaviourHeader_Returns400NamingTheHeader()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var request = TestSimulator.Chat(TestSimulator.Body());
        request.Headers.Add("x-sim-latency-ms", "soon");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("x-sim-latency-ms", (string?)(await ReadErrorAsync(response))["param"]);
    }

    [Fact]
    public async Task Post_UnknownPath_Returns404InOpenAIShape()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        using var response = await client.PostAsync("completions/legacy", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Invalid URL", (string)(await ReadErrorAsync(response))["message"]!, StringComparison.Ordinal);
    }

    internal static string Content(JsonObject completion) => (string)completion["choices"]![0]!["message"]!["content"]!;

    internal static async Task<JsonObject> ReadErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var error = body["error"]!.AsObject();
        Assert.True(error.ContainsKey("param"));
        Assert.True(error.ContainsKey("code"));
        return error;
    }
}
