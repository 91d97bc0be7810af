using System.Text;
using System.Text.Json.Nodes;
using Junction.Core.Fallback;
using Junction.Providers.Abstractions;
using Junction.Providers.Gemini;
using Junction.Providers.Tests.Infrastructure;

namespace Junction.Providers.Tests.Gemini;

public sealed class GeminiCompleteTests(ReplayServer server) : IClassFixture<ReplayServer>
{
    private readonly GeminiAdapter _adapter = new(server.Client);

    [Fact]
    public async Task CompleteAsync_TextWithThoughts_JoinsVisibleTextAndBillsThoughtsAsOutput()
    {
        var url = GeminiTestData.Serve(server, ReplayScript.Json(200, GeminiTestData.Bytes("generate_content_text.json")));

        var result = await _adapter.CompleteAsync(GeminiTestData.Call(url), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var completion = result.Completion!;
        Assert.Equal("fzSEaPLPEYmvjMcPm9jY4QQ", completion.Id);
        Assert.Equal("gemini-2.5-flash", completion.Model);
        Assert.Equal("Hello! Ça va? 👋 How can I help you today?", completion.Content);
        Assert.Equal("stop", completion.FinishReason);
        Assert.Empty(completion.ToolCalls);
        Assert.Equal(new Usage(8, 12 + 25, CachedPromptTokens: 0, ReasoningTokens: 25), completion.Usage);
    }

    [Fact]
    public async Task CompleteAsync_FunctionCallsWithoutIds_GetStableIdsCompactArgumentsAndToolCallsFinish()
    {
        var url = GeminiTestData.Serve(server, ReplayScript.Json(200, GeminiTestData.Bytes("generate_content_function_call.json")));

        var completion = (await _adapter.CompleteAsync(GeminiTestData.Call(url), CancellationToken.None)).Completion!;

        Assert.Null(completion.Content);
        Assert.Equal("tool_calls", completion.FinishReason);
        Assert.Equal(
            [
                new("call_0", "get_weather", """{"location":"Paris, France","unit":"celsius"}"""),
                new Core.Requests.ToolCall("call_1", "get_local_time", """{"city":"Paris"}"""),
            ],
            completion.ToolCalls);
        Assert.Equal(new Usage(118, 36 + 76, ReasoningTokens: 76), completion.Usage);
    }

    [Fact]
    public async Task CompleteAsync_FunctionCallWithId_KeepsTheProvidersId()
    {
        var url = GeminiTestData.Serve(server, ReplayScript.Json(200, GeminiTestData.Bytes("generate_content_function_call_with_id.json")));

        var completion = (await _adapter.CompleteAsync(GeminiTestData.Call(url), CancellationToken.None)).Completion!;

        Assert.Equal(new Core.Requests.ToolCall("fc_7f2a61b0c3", "get_weather", """{"location":"Zürich"}"""), Assert.Single(completion.ToolCalls));
        Assert.Equal("gemini-3-pro-preview", completion.Model);
    }

    [Fact]
    public async Task CompleteAsync_CachedThoughtsAndToolUseTokens_MapToUsageAndMaxTokensToLength()
    {
        var url = GeminiTestData.Serve(server, ReplayScript.Json(200, GeminiTestData.Bytes("generate_content_cached_thoughts.json")));

        var completion = (await _adapter.CompleteAsync(GeminiTestData.Call(url), CancellationToken.None)).Completion!;

        Assert.Equal("length", completion.FinishReason);
        Assert.Equal(new Usage(40213 + 12, 15 + 400, CachedPromptTokens: 32768, ReasoningTokens: 400), completion.Usage);
        Assert.Equal(40640, completion.Usage!.TotalTokens);
    }

    [Fact]
    public async Task CompleteAsync_PromptBlocked_IsAContentFilterAnswerWithPromptUsage()
    {
        var url = GeminiTestData.Serve(server, ReplayScript.Json(200, GeminiTestData.Bytes("generate_content_prompt_blocked.json")));

        var result = await _adapter.CompleteAsync(GeminiTestData.Call(url), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Null(result.Completion!.Content);
        Assert.Equal("content_filter", result.Completion.FinishReason);
        Assert.Equal(new Usage(21, 0), result.Completion.Usage);
    }

    [Theory]
    [InlineData("SAFETY", "content_filter")]
    [InlineData("RECITATION", "content_filter")]
    [InlineData("PROHIBITED_CONTENT", "content_filter")]
    [InlineData("SPII", "content_filter")]
    [InlineData("BLOCKLIST", "content_filter")]
    [InlineData("MALFORMED_FUNCTION_CALL", "malformed_function_call")]
    [InlineData("OTHER", "other")]
    public async Task CompleteAsync_FinishReason_MapsToOpenAIVocabulary(string wire, string expected)
    {
        var body = GeminiTestData.Text("generate_content_text.json").Replace("\"STOP\"", $"\"{wire}\"", StringComparison.Ordinal);
        var url = GeminiTestData.Serve(server, ReplayScript.Json(200, Encoding.UTF8.GetBytes(body)));

        var completion = (await _adapter.CompleteAsync(GeminiTestData.Call(url), CancellationToken.None)).Completion!;

        Assert.Equal(expected, completion.FinishReason);
    }

    [Fact]
    public async Task CompleteAsync_Request_GoesToGenerateContentWithTheKeyInTheHeaderOnly()
    {
        var url = GeminiTestData.Serve(server, ReplayScript.Json(200, GeminiTestData.Bytes("generate_content_text.json")), out var scenario);
        var headers = new Dictionary<string, string> { ["x-goog-api-key"] = "not-this-one", ["x-goog-user-project"] = "billing-project" };
        var call = GeminiTestData.Call(url) with { Endpoint = new ProviderEndpoint("google", url, GeminiTestData.Key, headers) };

        await _adapter.CompleteAsync(call, CancellationToken.None);

        var received = server.Received(scenario)!;
        Assert.Equal($"/{scenario}/v1beta/models/gemini-2.5-flash:generateContent", received.Path);
        Assert.Equal(string.Empty, received.Query);
        Assert.Equal(GeminiTestData.Key, received.Headers["x-goog-api-key"]);
        Assert.Equal("billing-project", received.Headers["x-goog-user-project"]);
        Assert.Null(received.Authorization);
        Assert.Equal("application/json", received.Accept);
        var body = JsonNode.Parse(received.Body)!;
        Assert.Equal("Hello!", (string)body["contents"]![0]!["parts"]![0]!["text"]!);
        Assert.Equal(64, (int)body["generationConfig"]!["maxOutputTokens"]!);
    }

    [Fact]
    public async Task CompleteAsync_EndpointWithoutKey_SendsNoKeyHeader()
    {
        var url = GeminiTestData.Serve(server, ReplayScript.Json(200, GeminiTestData.Bytes("generate_content_text.json")), out var scenario);

        var result = await _adapter.CompleteAsync(GeminiTestData.Call(url, apiKey: null), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.False(server.Received(scenario)!.Headers.ContainsKey("x-goog-api-key"));
    }

    [Theory]
    [InlineData("gemini-2.5-flash", false, "/v1beta/models/gemini-2.5-flash:generateContent")]
    [InlineData("gemini-2.5-flash", true, "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse")]
    [InlineData("models/gemini-2.5-pro", false, "/v1beta/models/gemini-2.5-pro:generateContent")]
    [InlineData("tunedModels/my-model-42", false, "/v1beta/tunedModels/my-model-42:generateContent")]
    [InlineData("odd model?key=x", false, "/v1beta/models/odd%20model%3Fkey%3Dx:generateContent")]
    public void MethodUri_Model_BuildsTheResourcePath(string model, bool stream, string expected)
    {
        var uri = GeminiDialect.MethodUri(new Uri("https://generativelanguage.googleapis.com/v1beta/"), model, stream);

        Assert.Equal("https://generativelanguage.googleapis.com" + expected, uri.AbsoluteUri);
    }

    [Fact]
    public async Task CompleteAsync_MalformedBody_FailsAsServerError()
    {
        var url = GeminiTestData.Serve(server, ReplayScript.Json(200, "{\"candidates\": ["u8.ToArray()));

        var result = await _adapter.CompleteAsync(GeminiTestData.Call(url), CancellationToken.None);

        Assert.Equal(ErrorKind.ServerError, result.Error!.Kind);
        Assert.Equal(200, result.Error.Status);
    }

    [Fact]
    public async Task CompleteAsync_ErrorObjectIn200_IsClassifiedFromTheBody()
    {
        var url = GeminiTestData.Serve(server, ReplayScript.Json(200, GeminiTestData.Bytes("error_503_unavailable.json")));

        var result = await _adapter.CompleteAsync(GeminiTestData.Call(url), CancellationToken.None);

        Assert.Equal(ErrorKind.Overloaded, result.Error!.Kind);
        Assert.Equal("The model is overloaded. Please try again later.", result.Error.Message);
    }

    [Fact]
    public async Task CompleteAsync_AttemptTimeout_FailsAsTimeout()
    {
        var url = GeminiTestData.Serve(server, new ReplayScript { HeadersDelay = TimeSpan.FromSeconds(30) });

        var result = await _adapter.CompleteAsync(GeminiTestData.Call(url, attemptTimeout: TimeSpan.FromMilliseconds(100)), CancellationToken.None);

        Assert.Equal(ErrorKind.Timeout, result.Error!.Kind);
    }
}
