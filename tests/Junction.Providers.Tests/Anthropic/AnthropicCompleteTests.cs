using System.Text.Json.Nodes;
using Junction.Core.Fallback;
using Junction.Providers.Abstractions;
using Junction.Providers.Anthropic;
using Junction.Providers.Tests.Infrastructure;

namespace Junction.Providers.Tests.Anthropic;

public sealed class AnthropicCompleteTests(ReplayServer server) : IClassFixture<ReplayServer>
{
    private readonly AnthropicAdapter _adapter = new(server.Client);

    [Fact]
    public async Task CompleteAsync_RecordedMessage_MapsTextFinishAndUsage()
    {
        var url = server.Serve(ReplayScript.Json(200, AnthropicPayloads.Bytes("message_text.json")));

        var result = await _adapter.CompleteAsync(AnthropicCalls.Call(url), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var completion = result.Completion!;
        Assert.Equal("msg_013Zva2CMHLNnXjNJJKqJ2EF", completion.Id);
        Assert.Equal("claude-sonnet-4-5-20250929", completion.Model);
        Assert.Equal("Hi! My name is Claude. Ça va? 👋", completion.Content);
        Assert.Equal("stop", completion.FinishReason);
        Assert.Empty(completion.ToolCalls);
        Assert.Equal(new Usage(2095, 503), completion.Usage);
    }

    [Fact]
    public async Task CompleteAsync_ToolUse_MapsCallsWithInputAsJsonText()
    {
        var url = server.Serve(ReplayScript.Json(200, AnthropicPayloads.Bytes("message_tool_use.json")));

        var completion = (await _adapter.CompleteAsync(AnthropicCalls.Call(url), CancellationToken.None)).Completion!;

        Assert.Equal("I'll check the weather in both cities.", completion.Content);
        Assert.Equal("tool_calls", completion.FinishReason);
        Assert.Equal(2, completion.ToolCalls.Count);
        Assert.Equal("toolu_01A09q90qw90lq917835lq9", completion.ToolCalls[0].Id);
        Assert.Equal("get_weather", completion.ToolCalls[0].Name);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"location":"San Francisco, CA","unit":"celsius"}"""),
            JsonNode.Parse(completion.ToolCalls[0].ArgumentsJson)));
        Assert.Equal("toolu_01B8kLQmPz3XvNc7rT5yWd2e", completion.ToolCalls[1].Id);
    }

    [Fact]
    public async Task CompleteAsync_PromptCache_CountsTheWholePromptAndSeparatesReadsAndWrites()
    {
        var url = server.Serve(ReplayScript.Json(200, AnthropicPayloads.Bytes("message_tool_use.json")));

        var usage = (await _adapter.CompleteAsync(AnthropicCalls.Call(url), CancellationToken.None)).Completion!.Usage!;

        Assert.Equal(42 + 8000 + 1500, usage.PromptTokens);
        Assert.Equal(8000, usage.CachedPromptTokens);
        Assert.Equal(1500, usage.CacheWriteTokens);
        Assert.Equal(112, usage.CompletionTokens);
    }

    [Fact]
    public async Task CompleteAsync_ThinkingAndSeveralTextBlocks_JoinsTextSkipsThinkingAndMapsLength()
    {
        var url = server.Serve(ReplayScript.Json(200, AnthropicPayloads.Bytes("message_thinking_max_tokens.json")));

        var completion = (await _adapter.CompleteAsync(AnthropicCalls.Call(url), CancellationToken.None)).Completion!;

        Assert.Equal("Here are the first ten primes: 2, 3, 5, 7, 11", completion.Content);
        Assert.Equal("length", completion.FinishReason);
        Assert.Equal(new Usage(18, 64), completion.Usage);
    }

    [Fact]
    public async Task CompleteAsync_StopSequence_IsStopNamingTheSequence()
    {
        var url = server.Serve(ReplayScript.Json(200, AnthropicPayloads.Bytes("message_stop_sequence.json")));

        var completion = (await _adapter.CompleteAsync(AnthropicCalls.Call(url), CancellationToken.None)).Completion!;

        Assert.Equal("<answer>Paris", completion.Content);
        Assert.Equal("stop", completion.FinishReason);
        Assert.Equal("</answer>", completion.StopSequence);
    }

    [Fact]
    public async Task CompleteAsync_EndTurn_NamesNoStopSequence()
    {
        var url = server.Serve(ReplayScript.Json(200, AnthropicPayloads.Bytes("message_text.json")));

        var completion = (await _adapter.CompleteAsync(AnthropicCalls.Call(url), CancellationToken.None)).Completion!;

        Assert.Null(completion.StopSequence);
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("pause_turn", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("model_context_window_exceeded", "length")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("refusal", "content_filter")]
    [InlineData("something_new", "something_new")]
    public async Task CompleteAsync_StopReason_MapsToCanonicalFinish(string stopReason, string finish)
    {
        var body = $$$"""{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[],"stop_reason":"{{{stopReason}}}","usage":{"input_tokens":1,"output_tokens":0}}""";
        var url = server.Serve(ReplayScript.Json(200, System.Text.Encoding.UTF8.GetBytes(body)));

        var completion = (await _adapter.CompleteAsync(AnthropicCalls.Call(url), CancellationToken.None)).Completion!;

        Assert.Equal(finish, completion.FinishReason);
        Assert.Null(completion.Content);
    }

    [Fact]
    public async Task CompleteAsync_Request_PostsToMessagesWithKeyVersionAndJson()
    {
        var url = server.Serve(ReplayScript.Json(200, AnthropicPayloads.Bytes("message_text.json")), out var scenario);

        await _adapter.CompleteAsync(AnthropicCalls.Call(url), CancellationToken.None);

        var received = server.Received(scenario)!;
        Assert.EndsWith("/v1/messages", received.Path, StringComparison.Ordinal);
        Assert.Equal(AnthropicCalls.Key, received.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", received.Headers["anthropic-version"]);
        Assert.StartsWith("application/json", received.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("application/json", received.Accept);
        Assert.Null(received.Authorization);
        var body = JsonNode.Parse(received.Body)!;
        Assert.Equal("claude-sonnet-4-5-20250929", (string?)body["model"]);
        Assert.Equal(64, (int)body["max_tokens"]!);
    }

    [Fact]
    public async Task CompleteAsync_EndpointWithoutKey_SendsNoKeyHeader()
    {
        var url = server.Serve(ReplayScript.Json(200, AnthropicPayloads.Bytes("message_text.json")), out var scenario);

        await _adapter.CompleteAsync(AnthropicCalls.Call(url, apiKey: null), CancellationToken.None);

        Assert.False(server.Received(scenario)!.Headers.ContainsKey("x-api-key"));
    }

    [Fact]
    public async Task CompleteAsync_EndpointHeaders_PassBetaFlagsAndOverrideTheVersionButNotTheKey()
    {
        var url = server.Serve(ReplayScript.Json(200, AnthropicPayloads.Bytes("message_text.json")), out var scenario);
        var headers = new Dictionary<string, string>
        {
            ["anthropic-beta"] = "context-1m-2025-08-07",
            ["anthropic-version"] = "2024-01-01",
            ["x-api-key"] = "sk-ant-from-headers",
        };
        var call = AnthropicCalls.Call(url) with { Endpoint = new ProviderEndpoint("anthropic", url, AnthropicCalls.Key, headers) };

        await _adapter.CompleteAsync(call, CancellationToken.None);

        var received = server.Received(scenario)!;
        Assert.Equal("context-1m-2025-08-07", received.Headers["anthropic-beta"]);
        Assert.Equal("2024-01-01", received.Headers["anthropic-version"]);
        Assert.Equal(AnthropicCalls.Key, received.Headers["x-api-key"]);
    }

    [Fact]
    public async Task CompleteAsync_MalformedBody_IsServerError()
    {
        var url = server.Serve(ReplayScript.Json(200, "{\"id\":\"msg_1\",\"content\":[{\"type\":"u8.ToArray()));

        var result = await _adapter.CompleteAsync(AnthropicCalls.Call(url), CancellationToken.None);

        Assert.Equal(ErrorKind.ServerError, result.Error!.Kind);
        Assert.Equal(200, result.Error.Status);
    }

    [Fact]
    public async Task CompleteAsync_ErrorObjectWithStatus200_IsClassified()
    {
        var url = server.Serve(ReplayScript.Json(200, AnthropicPayloads.Bytes("error_529_overloaded.json")));

        var result = await _adapter.CompleteAsync(AnthropicCalls.Call(url), CancellationToken.None);

        Assert.Equal(ErrorKind.Overloaded, result.Error!.Kind);
        Assert.Equal("Overloaded", result.Error.Message);
    }

    [Fact]
    public async Task CompleteAsync_ProviderNeverAnswers_TimesOutWithinTheAttempt()
    {
        var url = server.Serve(new ReplayScript { HeadersDelay = TimeSpan.FromSeconds(30) });

        var result = await _adapter.CompleteAsync(AnthropicCalls.Call(url, attemptTimeout: TimeSpan.FromMilliseconds(150)), CancellationToken.None);

        Assert.Equal(ErrorKind.Timeout, result.Error!.Kind);
    }

    [Fact]
    public async Task CompleteAsync_CallerCancels_Throws()
    {
        var url = server.Serve(new ReplayScript { HeadersDelay = TimeSpan.FromSeconds(30) });
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _adapter.CompleteAsync(AnthropicCalls.Call(url), caller.Token));
    }
}
