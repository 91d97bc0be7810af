using System.Text.Json.Nodes;
using Junction.Providers.Abstractions;
using Junction.Providers.OpenAI;
using Junction.Providers.Tests.Infrastructure;

namespace Junction.Providers.Tests.OpenAI;

public sealed class OpenAICompleteTests(ReplayServer server) : IClassFixture<ReplayServer>
{
    private readonly OpenAICompatibleAdapter _adapter = new(server.Client);

    [Fact]
    public async Task CompleteAsync_RecordedCompletion_MapsContentFinishAndUsage()
    {
        var url = server.Serve(ReplayScript.Json(200, Payloads.Bytes("chat_completion.json")));

        var result = await _adapter.CompleteAsync(TestCalls.Call(url), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var completion = result.Completion!;
        Assert.Equal("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT", completion.Id);
        Assert.Equal("gpt-4.1-2025-04-14", completion.Model);
        Assert.Equal("Hello! How can I assist you today?", completion.Content);
        Assert.Equal("stop", completion.FinishReason);
        Assert.Empty(completion.ToolCalls);
        Assert.Equal(new Usage(19, 10), completion.Usage);
    }

    [Fact]
    public async Task CompleteAsync_ToolCalls_MapsEveryCallWithNullContent()
    {
        var url = server.Serve(ReplayScript.Json(200, Payloads.Bytes("chat_completion_tool_calls.json")));

        var completion = (await _adapter.CompleteAsync(TestCalls.Call(url), CancellationToken.None)).Completion!;

        Assert.Null(completion.Content);
        Assert.Equal("tool_calls", completion.FinishReason);
        Assert.Equal(2, completion.ToolCalls.Count);
        Assert.Equal("call_abc123", completion.ToolCalls[0].Id);
        Assert.Equal("get_current_weather", completion.ToolCalls[0].Name);
        Assert.Equal("{\n\"location\": \"Boston, MA\"\n}", completion.ToolCalls[0].ArgumentsJson);
        Assert.Equal("get_local_time", completion.ToolCalls[1].Name);
        Assert.Equal(new Usage(82, 17), completion.Usage);
    }

    [Fact]
    public async Task CompleteAsync_ReasoningModel_MapsCachedAndReasoningTokens()
    {
        var url = server.Serve(ReplayScript.Json(200, Payloads.Bytes("chat_completion_reasoning_cached.json")));

        var completion = (await _adapter.CompleteAsync(TestCalls.Call(url), CancellationToken.None)).Completion!;

        Assert.Equal(new Usage(2006, 300, CachedPromptTokens: 1920, ReasoningTokens: 256), completion.Usage);
    }

    [Fact]
    public async Task CompleteAsync_DeepSeekUsage_ReadsPromptCacheHitTokens()
    {
        var body = Payloads.Text("deepseek_chat_completion.json")
            .Replace("\"prompt_cache_hit_tokens\": 0", "\"prompt_cache_hit_tokens\": 12", StringComparison.Ordinal);
        var url = server.Serve(ReplayScript.Json(200, System.Text.Encoding.UTF8.GetBytes(body)));

        var completion = (await _adapter.CompleteAsync(TestCalls.Call(url, provider: "deepseek"), CancellationToken.None)).Completion!;

        Assert.Equal("Hello! How can I help you today?", completion.Content);
        Assert.Equal(new Usage(16, 10, CachedPromptTokens: 12), completion.Usage);
    }

    [Fact]
    public async Task CompleteAsync_Request_CarriesBearerKeyEndpointHeadersAndMappedBody()
    {
        var url = server.Serve(ReplayScript.Json(200, Payloads.Bytes("chat_completion.json")), out var scenario);
        var headers = new Dictionary<string, string> { ["OpenAI-Organization"] = "org-test", ["Authorization"] = "Bearer not-this-one" };
        var call = TestCalls.Call(url) with { Endpoint = new ProviderEndpoint("openai", url, "sk-test-key-0000", headers) };

        await _adapter.CompleteAsync(call, CancellationToken.None);

        var received = server.Received(scenario)!;
        Assert.Equal($"/{scenario}/v1/chat/completions", received.Path);
        Assert.Equal("Bearer sk-test-key-0000", received.Authorization);
        Assert.Equal("org-test", received.Headers["OpenAI-Organization"]);
        Assert.Equal("application/json", received.Accept);
        var body = JsonNode.Parse(received.Body)!;
        Assert.Equal("gpt-4o-mini", body["model"]!.GetValue<string>());
        Assert.Equal("Hello!", body["messages"]![0]!["content"]!.GetValue<string>());
        Assert.Equal(64, body["max_completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task CompleteAsync_EndpointWithoutKey_SendsNoAuthorization()
    {
        var url = server.Serve(ReplayScript.Json(200, Payloads.Bytes("chat_completion.json")), out var scenario);

        var result = await _adapter.CompleteAsync(TestCalls.Call(url, apiKey: null, provider: "local"), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Null(server.Received(scenario)!.Authorization);
        Assert.Equal(64, JsonNode.Parse(server.Received(scenario)!.Body)!["max_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task CompleteAsync_MalformedBody_FailsAsServerError()
    {
        var url = server.Serve(ReplayScript.Json(200, "{\"id\": \"x\", \"choices\": ["u8.ToArray()));

        var result = await _adapter.CompleteAsync(TestCalls.Call(url), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(Core.Fallback.ErrorKind.ServerError, result.Error!.Kind);
        Assert.Equal(200, result.Error.Status);
    }
}
