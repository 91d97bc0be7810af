using System.Text;
using System.Text.Json.Nodes;
using Junction.Core.Fallback;
using Junction.Providers.Abstractions;
using Junction.Providers.Gemini;
using Junction.Providers.Tests.Infrastructure;

namespace Junction.Providers.Tests.Gemini;

public sealed class GeminiStreamTests(ReplayServer server) : IClassFixture<ReplayServer>
{
    private readonly GeminiAdapter _adapter = new(server.Client);

    private Task<List<StreamEvent>> OpenAndReadAsync(Uri url) =>
        StreamCollector.OpenAndReadAllAsync(_adapter, GeminiTestData.Call(url, stream: true));

    [Fact]
    public async Task OpenStreamAsync_Text_YieldsDeltasFinishThenUsageOnce()
    {
        var url = GeminiTestData.Serve(server, GeminiTestData.EventStream(GeminiTestData.Bytes("stream_text.sse")), out var scenario);

        var events = await OpenAndReadAsync(url);

        Assert.Collection(
            events,
            e => Assert.Equal(new StreamEvent(StreamEventKind.TextDelta, Text: "Hello"), e),
            e => Assert.Equal(new StreamEvent(StreamEventKind.TextDelta, Text: "! Ça va? 👋 How can"), e),
            e => Assert.Equal(new StreamEvent(StreamEventKind.TextDelta, Text: " I help?"), e),
            e => Assert.Equal(new StreamEvent(StreamEventKind.Finish, FinishReason: "stop"), e),
            e => Assert.Equal(new StreamEvent(StreamEventKind.Usage, Usage: new Usage(9, 12)), e));
        var received = server.Received(scenario)!;
        Assert.Equal($"/{scenario}/v1beta/models/gemini-2.5-flash:streamGenerateContent", received.Path);
        Assert.Equal("?alt=sse", received.Query);
        Assert.Equal("text/event-stream", received.Accept);
    }

    [Fact]
    public async Task OpenStreamAsync_StreamAndWholeRequest_SendTheSameBody()
    {
        var streamUrl = GeminiTestData.Serve(server, GeminiTestData.EventStream(GeminiTestData.Bytes("stream_text.sse")), out var streamed);
        var wholeUrl = GeminiTestData.Serve(server, ReplayScript.Json(200, GeminiTestData.Bytes("generate_content_text.json")), out var whole);

        await OpenAndReadAsync(streamUrl);
        await _adapter.CompleteAsync(GeminiTestData.Call(wholeUrl), CancellationToken.None);

        Assert.Equal(server.Received(whole)!.Body, server.Received(streamed)!.Body);
    }

    [Fact]
    public async Task OpenStreamAsync_Stream_ExposesTheResponseId()
    {
        var url = GeminiTestData.Serve(server, GeminiTestData.EventStream(GeminiTestData.Bytes("stream_text.sse")));

        var result = await _adapter.OpenStreamAsync(GeminiTestData.Call(url, stream: true), CancellationToken.None);
        await using var stream = result.Stream!;

        Assert.Equal("WjyEaIGBOoSujMcPlZHV4QY", stream.Id);
    }

    [Fact]
    public async Task OpenStreamAsync_WholeFunctionCalls_OneDeltaEachWithIdNameAndArguments()
    {
        var url = GeminiTestData.Serve(server, GeminiTestData.EventStream(GeminiTestData.Bytes("stream_function_call.sse")));

        var events = await OpenAndReadAsync(url);

        Assert.Collection(
            events,
            e => Assert.Equal(new StreamEvent(StreamEventKind.ToolCallDelta, Text: """{"location":"Paris, France"}""", ToolCallIndex: 0, ToolCallId: "call_0", ToolName: "get_weather"), e),
            e => Assert.Equal(new StreamEvent(StreamEventKind.ToolCallDelta, Text: """{"city":"Paris"}""", ToolCallIndex: 1, ToolCallId: "call_1", ToolName: "get_local_time"), e),
            e => Assert.Equal(new StreamEvent(StreamEventKind.Finish, FinishReason: "tool_calls"), e),
            e => Assert.Equal(new StreamEvent(StreamEventKind.Usage, Usage: new Usage(80, 30 + 44, CachedPromptTokens: 64, ReasoningTokens: 44)), e));
    }

    [Fact]
    public async Task OpenStreamAsync_SafetyStop_FinishesWithContentFilter()
    {
        var url = GeminiTestData.Serve(server, GeminiTestData.EventStream(GeminiTestData.Bytes("stream_safety_finish.sse")));

        var events = await OpenAndReadAsync(url);

        Assert.Equal("I can't", events[0].Text);
        Assert.Equal(new StreamEvent(StreamEventKind.Finish, FinishReason: "content_filter"), events[1]);
        Assert.Equal(new Usage(30, 2), events[2].Usage);
        Assert.Equal(3, events.Count);
    }

    [Fact]
    public async Task OpenStreamAsync_PromptBlocked_FinishesWithContentFilterAndPromptUsage()
    {
        var chunk = "data: " + JsonNode.Parse(GeminiTestData.Bytes("generate_content_prompt_blocked.json"))!.ToJsonString() + "\r\n\r\n";
        var url = GeminiTestData.Serve(server, GeminiTestData.EventStream(Encoding.UTF8.GetBytes(chunk)));

        var events = await OpenAndReadAsync(url);

        Assert.Equal([new StreamEvent(StreamEventKind.Finish, FinishReason: "content_filter"), new StreamEvent(StreamEventKind.Usage, Usage: new Usage(21, 0))], events);
    }

    [Fact]
    public async Task OpenStreamAsync_ErrorChunkMidStream_EndsWithClassifiedErrorEvent()
    {
        var url = GeminiTestData.Serve(server, GeminiTestData.EventStream(GeminiTestData.Bytes("stream_error_mid_stream.sse")));

        var events = await OpenAndReadAsync(url);

        Assert.Equal("The answer is", events[0].Text);
        Assert.Equal(new Usage(7, 0), events[1].Usage);
        var error = events[2].Error!;
        Assert.Equal(ErrorKind.ServerError, error.Kind);
        Assert.Null(error.Status);
        Assert.Equal("An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting", error.Message);
        Assert.Equal(3, events.Count);
    }

    [Fact]
    public async Task OpenStreamAsync_ErrorChunkBeforeAnyContent_FailsToOpenSoTheCallCanFallOver()
    {
        var url = GeminiTestData.Serve(server, GeminiTestData.EventStream(GeminiTestData.Bytes("stream_error_first_event.sse")));

        var result = await _adapter.OpenStreamAsync(GeminiTestData.Call(url, stream: true), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.Overloaded, result.Error!.Kind);
        Assert.Null(result.Error.Status);
    }

    [Fact]
    public async Task OpenStreamAsync_EndsWithoutFinishReason_EndsWithServerErrorEvent()
    {
        var url = GeminiTestData.Serve(server, GeminiTestData.EventStream(GeminiTestData.Bytes("stream_without_finish.sse")));

        var events = await OpenAndReadAsync(url);

        Assert.Equal("Once upon a time", StreamCollector.Text(events));
        Assert.Equal(new Usage(5, 0), events[^2].Usage);
        Assert.Equal(ErrorKind.ServerError, events[^1].Error!.Kind);
    }

    [Fact]
    public async Task OpenStreamAsync_ConnectionCutMidStream_EndsWithConnectErrorEvent()
    {
        var cut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var script = GeminiTestData.EventStream(GeminiTestData.Bytes("stream_without_finish.sse"), ReplayStep.WaitFor(cut.Task), ReplayStep.AbortConnection());
        var url = GeminiTestData.Serve(server, script);

        var events = await StreamCollector.ReadCuttingAsync(_adapter, GeminiTestData.Call(url, stream: true), cut, read => read.Count == 2);

        Assert.Equal(" a time", events[1].Text);
        Assert.Equal(StreamEventKind.Usage, events[2].Kind);
        Assert.Equal(ErrorKind.Connect, events[3].Error!.Kind);
    }

    [Fact]
    public async Task OpenStreamAsync_ErrorStatus_FailsToOpenWithTheClassifiedError()
    {
        var url = GeminiTestData.Serve(server, ReplayScript.Json(429, GeminiTestData.Bytes("error_429_rate_limit.json")));

        var result = await _adapter.OpenStreamAsync(GeminiTestData.Call(url, stream: true), CancellationToken.None);

        Assert.Equal(ErrorKind.RateLimited, result.Error!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(17), result.Error.RetryAfter);
    }

    [Fact]
    public async Task OpenStreamAsync_NoFirstEventWithinAttemptTimeout_FailsAsTimeout()
    {
        var script = new ReplayScript { ContentType = "text/event-stream", Steps = [ReplayStep.Wait(TimeSpan.FromSeconds(30))] };
        var url = GeminiTestData.Serve(server, script);

        var result = await _adapter.OpenStreamAsync(GeminiTestData.Call(url, stream: true, attemptTimeout: TimeSpan.FromMilliseconds(150)), CancellationToken.None);

        Assert.Equal(ErrorKind.Timeout, result.Error!.Kind);
    }

    [Fact]
    public async Task DisposeAsync_MidStream_AbortsTheUpstreamRequest()
    {
        var script = GeminiTestData.EventStream(GeminiTestData.Bytes("stream_without_finish.sse"), ReplayStep.Wait(TimeSpan.FromSeconds(30)));
        var url = GeminiTestData.Serve(server, script, out var scenario);

        await StreamCollector.AssertDisposeAbortsUpstreamAsync(server, scenario, _adapter, GeminiTestData.Call(url, stream: true));
    }
}
