using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Junction.Simulator.Tests.OpenAI;

namespace Junction.Simulator.Tests.Anthropic;

public sealed class MessagesTests
{
    [Fact]
    public async Task Post_PlainRequest_ReturnsMessageInAnthropicShape()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var message = await TestSimulator.SendJsonAsync(client, AnthropicRequests.Messages(AnthropicRequests.Body(model: "claude-sim")));

        Assert.Matches("^msg_[0-9A-Za-z]{24}$", (string)message["id"]!);
        Assert.Equal("message", (string)message["type"]!);
        Assert.Equal("assistant", (string)message["role"]!);
        Assert.Equal("claude-sim", (string)message["model"]!);
        var block = message["content"]!.AsArray().Single()!;
        Assert.Equal("text", (string)block["type"]!);
        Assert.StartsWith("Simulated reply from claude-sim: ", (string)block["text"]!, StringComparison.Ordinal);
        Assert.EndsWith(".", (string)block["text"]!, StringComparison.Ordinal);
        Assert.Equal("end_turn", (string)message["stop_reason"]!);
        Assert.Null(message["stop_sequence"]);
        var usage = message["usage"]!;
        Assert.Equal(24, (int)usage["output_tokens"]!);
        Assert.Equal(0, (int)usage["cache_read_input_tokens"]!);
        Assert.Equal(0, (int)usage["cache_creation_input_tokens"]!);
    }

    [Fact]
    public async Task Post_StopSequenceInTheReply_StopsBeforeItAndNamesIt()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var body = AnthropicRequests.Body(model: "claude-sim");
        body["stop_sequences"] = new JsonArray("nowhere", " from");

        var message = await TestSimulator.SendJsonAsync(client, AnthropicRequests.Messages(body));

        Assert.Equal("Simulated reply", Text(message));
        Assert.Equal("stop_sequence", (string)message["stop_reason"]!);
        Assert.Equal(" from", (string)message["stop_sequence"]!);
        Assert.Equal(2, (int)message["usage"]!["output_tokens"]!);
    }

    [Fact]
    public async Task Post_StopSequencesNotAList_IsInvalidRequest()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var body = AnthropicRequests.Body();
        body["stop_sequences"] = " from";

        using var response = await client.SendAsync(AnthropicRequests.Messages(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await AnthropicRequests.ReadErrorAsync(response);
        Assert.Contains("stop_sequences", (string)error["message"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hello there", null)]
    [InlineData("Tell me about rivers", 7)]
    public async Task Post_SameConversationAsOpenAIDialect_GivesSameTextAndTokens(string user, int? maxTokens)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var message = await TestSimulator.SendJsonAsync(client, AnthropicRequests.Messages(AnthropicRequests.Body(user: user, maxTokens: maxTokens ?? 1024)));
        var completion = await TestSimulator.SendJsonAsync(client, TestSimulator.Chat(TestSimulator.Body(model: "claude-test", user: user, maxTokens: maxTokens)));

        Assert.Equal(ChatCompletionTests.Content(completion), Text(message));
        Assert.Equal((int)completion["usage"]!["prompt_tokens"]!, (int)message["usage"]!["input_tokens"]!);
        Assert.Equal((int)completion["usage"]!["completion_tokens"]!, (int)message["usage"]!["output_tokens"]!);
    }

    [Fact]
    public async Task Post_ToolResultsAndBlocks_CountLikeTheOpenAIMessagesTheyStandFor()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var anthropic = JsonNode.Parse("""
            {"model":"claude-test","max_tokens":50,"system":[{"type":"text","text":"Be brief."}],"messages":[
              {"role":"user","content":[{"type":"text","text":"Weather in Paris and Lyon?"},{"type":"image","source":{"type":"url","url":"https://example.com/a.png"}}]},
              {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"w","input":{"c":"Paris"}},{"type":"tool_use","id":"toolu_2","name":"w","input":{"c":"Lyon"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"18C"},{"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"text","text":"21C sunny"}]}]}]}
            """)!;
        var openai = JsonNode.Parse("""
            {"model":"claude-test","max_tokens":50,"messages":[
              {"role":"system","content":"Be brief."},
              {"role":"user","content":[{"type":"text","text":"Weather in Paris and Lyon?"},{"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"w","arguments":"{\"c\":\"Paris\"}"}},{"id":"call_2","type":"function","function":{"name":"w","arguments":"{\"c\":\"Lyon\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"18C"},
              {"role":"tool","tool_call_id":"call_2","content":"21C sunny"}]}
            """)!;

        var message = await TestSimulator.SendJsonAsync(client, AnthropicRequests.Messages(anthropic));
        var completion = await TestSimulator.SendJsonAsync(client, TestSimulator.Chat(openai));

        Assert.Equal((int)completion["usage"]!["prompt_tokens"]!, (int)message["usage"]!["input_tokens"]!);
        Assert.Equal(ChatCompletionTests.Content(completion), Text(message));
    }

    [Fact]
    public async Task Post_MaxTokensBelowOutputTokens_StopsWithMaxTokens()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var message = await TestSimulator.SendJsonAsync(client, AnthropicRequests.Messages(AnthropicRequests.Body(maxTokens: 5)));

        Assert.Equal("max_tokens", (string)message["stop_reason"]!);
        Assert.Equal(5, (int)message["usage"]!["output_tokens"]!);
        Assert.False(Text(message).EndsWith('.'));
    }

    [Theory]
    [InlineData("{", "There was an error parsing the body")]
    [InlineData("""{"max_tokens":10,"messages":[{"role":"user","content":"Hi"}]}""", "model: Field required")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"Hi"}]}""", "max_tokens: Field required")]
    [InlineData("""{"model":"m","max_tokens":10}""", "messages: Field required")]
    [InlineData("""{"model":"m","max_tokens":0,"messages":[{"role":"user","content":"Hi"}]}""", "max_tokens: Input should be greater than or equal to 1")]
    [InlineData("""{"model":"m","max_tokens":10,"messages":[]}""", "messages: at least one message is required")]
    [InlineData("""{"model":"m","max_tokens":10,"messages":[{"role":"system","content":"Hi"}]}""", "messages.0.role: Input should be 'user' or 'assistant'")]
    [InlineData("""{"model":"m","max_tokens":10,"messages":[{"content":"Hi"}]}""", "messages.0.role: Field required")]
    [InlineData("""{"model":"m","max_tokens":10,"messages":[{"role":"user"}]}""", "messages.0.content: Field required")]
    [InlineData("""{"model":"m","max_tokens":10,"messages":[{"role":"user","content":"Hi"}],"tool_choice":{"type":"any"}}""", "tool_choice: tool_choice may only be specified while providing tools")]
    [InlineData("""{"model":"m","max_tokens":10,"messages":[{"role":"user","content":"Hi"}],"tools":[{"name":"a","input_schema":{"type":"object"}}],"tool_choice":{"type":"tool","name":"b"}}""", "tool_choice: Tool 'b' not found in tools")]
    public async Task Post_InvalidBody_Returns400InvalidRequestError(string body, string message)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        using var request = new HttpRequestMessage(HttpMethod.Post, "messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await AnthropicRequests.ReadErrorAsync(response);
        Assert.Equal("invalid_request_error", (string)error["type"]!);
        Assert.StartsWith(message, (string)error["message"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "x-api-key header is required")]
    [InlineData("sk-ant-wrong", "invalid x-api-key")]
    public async Task Post_WithoutRequiredKey_Returns401AuthenticationError(string? key, string message)
    {
        await using var host = await TestSimulator.StartAsync(o => o.RequiredApiKey = "sk-ant-sim");
        using var client = TestSimulator.Client(host);

        using var response = await client.SendAsync(AnthropicRequests.Messages(AnthropicRequests.Body(), apiKey: key));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await AnthropicRequests.ReadErrorAsync(response);
        Assert.Equal("authentication_error", (string)error["type"]!);
        Assert.Equal(message, (string)error["message"]!);
    }

    [Theory]
    [InlineData("sk-ant-sim", 200)]
    [InlineData("sk-ant-wrong", 401)]
    public async Task Post_KeyAsBearer_IsCheckedLikeTheApiKeyHeader(string key, int status)
    {
        await using var host = await TestSimulator.StartAsync(o => o.RequiredApiKey = "sk-ant-sim");
        using var client = TestSimulator.Client(host);
        var request = AnthropicRequests.Messages(AnthropicRequests.Body());
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);

        using var response = await client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
    }

    [Fact]
    public async Task Post_WithRequiredKey_SucceedsAndCountsTheRequest()
    {
        await using var host = await TestSimulator.StartAsync(o => o.RequiredApiKey = "sk-ant-sim");
        using var client = TestSimulator.Client(host);

        await TestSimulator.SendJsonAsync(client, AnthropicRequests.Messages(AnthropicRequests.Body(), apiKey: "sk-ant-sim"));

        Assert.Equal(1, host.RequestCount);
    }

    [Fact]
    public async Task Post_InvalidBehaviourHeader_Returns400NamingTheHeader()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var request = AnthropicRequests.Messages(AnthropicRequests.Body());
        request.Headers.Add("x-sim-tps", "fast");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await AnthropicRequests.ReadErrorAsync(response);
        Assert.Contains("x-sim-tps", (string)error["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_OutputTokensHeader_OverridesModelLength()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var request = AnthropicRequests.Messages(AnthropicRequests.Body());
        request.Headers.Add("x-sim-output-tokens", "9");

        var message = await TestSimulator.SendJsonAsync(client, request);

        Assert.Equal(9, (int)message["usage"]!["output_tokens"]!);
    }

    internal static string Text(JsonObject message) => (string)message["content"]![0]!["text"]!;
}
