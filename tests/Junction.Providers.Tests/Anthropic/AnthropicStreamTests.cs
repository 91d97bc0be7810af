using System.Text;
using System.Text.Json.Nodes;
using Junction.Core.Fallback;
using Junction.Providers.Abstractions;
using Junction.Providers.Anthropic;
using Junction.Providers.Tests.Infrastructure;

namespace Junction.Providers.Tests.Anthropic;

public sealed class AnthropicStreamTests(ReplayServer server) : IClassFixture<ReplayServer>
{
    private readonly AnthropicAdapter _adapter = new(server.Client);

    private Task<List<StreamEvent>> OpenAndReadAsync(Uri url) =>
        StreamCollector.OpenAndReadAllAsync(_adapter, AnthropicCalls.Call(url, stream: true));

    [Fact]
    public async Task OpenStreamAsync_Text_YieldsDeltasFinishAndUsageInOrder()
    {
        var url = server.Serve(ReplayScript.EventStream(AnthropicPayloads.Bytes("stream_text.sse")), out var scenario);

        var events = await OpenAndReadAsync(url);

        Assert.Collection(
            events,
            e => Assert.Equal(new StreamEvent(StreamEventKind.TextDelta, Text: "Hello"), e),
            e => Assert.Equal(new StreamEvent(StreamEventKind.TextDelta, Text: "! Ça va? 👋"), e),
            e => Assert.Equal(new StreamEvent(StreamEventKind.TextDelta, Text: " How can I help?"), e),
            e => Assert.Equal(new StreamEvent(StreamEventKind.Finish, FinishReason: "stop"), e),
            e => Assert.Equal(new StreamEvent(StreamEventKind.Usage, Usage: new Usage(25, 15)), e));
        var received = server.Received(scenario)!;
        Assert.Equal("text/event-stream", received.Accept);
        Assert.True(JsonNode.Parse(received.Body)!["stream"]!.GetValue<bool>());
    }

    [Fact]
    public async Task OpenStreamAsync_StopSequence_FinishNamesTheSequence()
    {
        var url = server.Serve(ReplayScript.EventStream(AnthropicPayloads.Bytes("stream_stop_sequence.sse")));

        var events = await OpenAndReadAsync(url);

        Assert.Equal("<answer>Paris", StreamCollector.Text(events));
        Assert.Equal(new StreamEvent(StreamEventKind.Finish, FinishReason: "stop", StopSequence: "</answer>"), events[^2]);
        Assert.Equal(new Usage(31, 6), events[^1].Usage);
    }

    [Fact]
    public async Task OpenStreamAsync_Stream_ExposesTheMessageId()
    {
        var url = server.Serve(ReplayScript.EventStream(AnthropicPayloads.Bytes("stream_text.sse")));

        var result = await _adapter.OpenStreamAsync(AnthropicCalls.Call(url, stream: true), CancellationToken.None);
        await using var stream = result.Stream!;

        Assert.Equal("msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY", stream.Id);
    }

    [Fact]
    public async Task OpenStreamAsync_ToolUse_DeltasReassembleIntoTheCallsNumberedAmongThemselves()
    {
        var url = server.Serve(ReplayScript.EventStream(AnthropicPayloads.Bytes("stream_tool_use.sse")));

        var events = await OpenAndReadAsync(url);

        Assert.Equal("Okay, let's check the weather for San Francisco and New York:", StreamCollector.Text(events));
        var calls = StreamCollector.ToolCalls(events);
        Assert.Equal(2, calls.Count);
        Assert.Equal(("toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather", "{\"location\": \"San Francisco, CA\", \"unit\": \"fahrenheit\"}"), calls[0]);
        Assert.Equal(("toolu_01JQxEjD5ZbK4QVFjCEdQn7a", "get_weather", "{\"location\": \"New York, NY\", \"unit\": \"fahrenheit\"}"), calls[1]);
        Assert.Equal(new StreamEvent(StreamEventKind.Finish, FinishReason: "tool_calls"), events[^2]);
        Assert.Equal(new Usage(472 + 2048, 89, CachedPromptTokens: 2048), events[^1].Usage);
    }

    [Fact]
    public async Task OpenStreamAsync_ToolUseBlockStart_CarriesIdAndNameOnlyThenFragments()
    {
        var url = server.Serve(ReplayScript.EventStream(AnthropicPayloads.Bytes("stream_tool_use.sse")));

        var events = await OpenAndReadAsync(url);

        var start = events.FindIndex(e => e.Kind == StreamEventKind.ToolCallDelta);
        Assert.Equal(new StreamEvent(StreamEventKind.ToolCallDelta, ToolCallIndex: 0, ToolCallId: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", ToolName: "get_weather"), events[start]);
        Assert.Equal(new StreamEvent(StreamEventKind.ToolCallDelta, Text: "{\"location\":", ToolCallIndex: 0), events[start + 1]);
    }

    [Fact]
    public async Task OpenStreamAsync_ThinkingBlock_IsSkippedAndLaterUsageWins()
    {
        var url = server.Serve(ReplayScript.EventStream(AnthropicPayloads.Bytes("stream_thinking_then_text.sse")));

        var events = await OpenAndReadAsync(url);

        Assert.Collection(
            events,
            e => Assert.Equal(new StreamEvent(StreamEventKind.TextDelta, Text: "27 * 453 = 12,231"), e),
            e => Assert.Equal(StreamEventKind.Finish, e.Kind),
            e => Assert.Equal(new Usage(36, 94), e.Usage));
    }

    [Fact]
    public async Task OpenStreamAsync_ErrorEventMidStream_EndsWithClassifiedErrorAfterUsageSoFar()
    {
        var url = server.Serve(ReplayScript.EventStream(AnthropicPayloads.Bytes("stream_error_mid_stream.sse")));

        var events = await OpenAndReadAsync(url);

        Assert.Equal(3, events.Count);
        Assert.Equal("The answer is", events[0].Text);
        Assert.Equal(new Usage(12, 1), events[1].Usage);
        Assert.Equal(StreamEventKind.Error, events[2].Kind);
        Assert.Equal(ErrorKind.Overloaded, events[2].Error!.Kind);
        Assert.Equal("Overloaded", events[2].Error!.Message);
        Assert.Null(events[2].Error!.Status);
    }

    [Fact]
    public async Task OpenStreamAsync_ErrorEventBeforeAnyContent_FailsToOpenSoTheCallCanFallOver()
    {
        var url = server.Serve(ReplayScript.EventStream(AnthropicPayloads.Bytes("stream_error_first_event.sse")));

        var result = await _adapter.OpenStreamAsync(AnthropicCalls.Call(url, stream: true), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.Overloaded, result.Error!.Kind);
        Assert.Null(result.Error.Status);
    }

    [Fact]
    public async Task OpenStreamAsync_EndsWithoutMessageStop_EndsWithServerErrorEvent()
    {
        var url = server.Serve(ReplayScript.EventStream(AnthropicPayloads.Bytes("stream_ends_without_stop.sse")));

        var events = await OpenAndReadAsync(url);

        Assert.Equal("Once upon a", events[0].Text);
        Assert.Equal(StreamEventKind.Error, events[^1].Kind);
        Assert.Equal(ErrorKind.ServerError, events[^1].Error!.Kind);
    }

    [Fact]
    public async Task OpenStreamAsync_ConnectionCutMidStream_EndsWithConnectErrorEvent()
    {
        var cut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var url = server.Serve(ReplayScript.EventStream(AnthropicPayloads.Bytes("stream_ends_without_stop.sse"), ReplayStep.WaitFor(cut.Task), ReplayStep.AbortConnection()));

        var events = await StreamCollector.ReadCuttingAsync(_adapter, AnthropicCalls.Call(url, stream: true), cut, read => read.Count >= 1);

        Assert.Equal("Once upon a", events[0].Text);
        Assert.Equal(StreamEventKind.Error, events[^1].Kind);
        Assert.Equal(ErrorKind.Connect, events[^1].Error!.Kind);
    }

    [Fact]
    public async Task OpenStreamAsync_NoFirstTokenWithinTheAttempt_TimesOut()
    {
        var recorded = Encoding.UTF8.GetString(AnthropicPayloads.Bytes("stream_text.sse"));
        var head = recorded[..recorded.IndexOf("event: content_block_delta", StringComparison.Ordinal)];
        var script = new ReplayScript
        {
            ContentType = "text/event-stream",
            Steps = [ReplayStep.Write(Encoding.UTF8.GetBytes(head)), ReplayStep.Wait(TimeSpan.FromSeconds(30))],
        };
        var url = server.Serve(script);

        var result = await _adapter.OpenStreamAsync(AnthropicCalls.Call(url, stream: true, attemptTimeout: TimeSpan.FromMilliseconds(300)), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.Timeout, result.Error!.Kind);
    }

    [Fact]
    public async Task DisposeAsync_MidStream_AbortsTheUpstreamRequest()
    {
        var url = server.Serve(ReplayScript.EventStream(AnthropicPayloads.Bytes("stream_ends_without_stop.sse"), ReplayStep.Wait(TimeSpan.FromSeconds(30))), out var scenario);

        await StreamCollector.AssertDisposeAbortsUpstreamAsync(server, scenario, _adapter, AnthropicCalls.Call(url, stream: true));
    }
}
