using System.Text;
using System.Text.Json.Nodes;
using Junction.Core.Fallback;
using Junction.Providers.Abstractions;
using Junction.Providers.OpenAI;
using Junction.Providers.Tests.Infrastructure;

namespace Junction.Providers.Tests.OpenAI;

public sealed class OpenAIStreamTests(ReplayServer server) : IClassFixture<ReplayServer>
{
    private readonly OpenAICompatibleAdapter _adapter = new(server.Client);

    private Task<List<StreamEvent>> OpenAndReadAsync(Uri url, string provider = "openai") =>
        StreamCollector.OpenAndReadAllAsync(_adapter, TestCalls.Call(url, provider: provider, stream: true));

    [Fact]
    public async Task OpenStreamAsync_TextWithUsage_YieldsDeltasFinishAndUsageInOrder()
    {
        var url = server.Serve(ReplayScript.EventStream(Payloads.Bytes("stream_text_include_usage.sse")), out var scenario);

        var events = await OpenAndReadAsync(url);

        Assert.Collection(
            events,
            e => Assert.Equal(new StreamEvent(StreamEventKind.TextDelta, Text: "Hello"), e),
            e => Assert.Equal(new StreamEvent(StreamEventKind.TextDelta, Text: "! Ça va? 👋"), e),
            e => Assert.Equal(new StreamEvent(StreamEventKind.TextDelta, Text: " How can I help?"), e),
            e => Assert.Equal(new StreamEvent(StreamEventKind.Finish, FinishReason: "stop"), e),
            e => Assert.Equal(new StreamEvent(StreamEventKind.Usage, Usage: new Usage(9, 12)), e));
        var received = server.Received(scenario)!;
        Assert.Equal("text/event-stream", received.Accept);
        Assert.True(JsonNode.Parse(received.Body)!["stream_options"]!["include_usage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task OpenStreamAsync_Stream_ExposesTheResponseId()
    {
        var url = server.Serve(ReplayScript.EventStream(Payloads.Bytes("stream_text_include_usage.sse")));

        var result = await _adapter.OpenStreamAsync(TestCalls.Call(url, stream: true), CancellationToken.None);
        await using var stream = result.Stream!;

        Assert.Equal("chatcmpl-123", stream.Id);
    }

    [Fact]
    public async Task OpenStreamAsync_ToolCalls_DeltasReassembleIntoTheCalls()
    {
        var url = server.Serve(ReplayScript.EventStream(Payloads.Bytes("stream_tool_calls.sse")));

        var events = await OpenAndReadAsync(url);

        var calls = StreamCollector.ToolCalls(events);
        Assert.Equal(2, calls.Count);
        Assert.Equal(("call_DdmO9pD3xa9XTPNJ32zg2hcA", "get_weather", "{\"location\":\"Paris, France\"}"), calls[0]);
        Assert.Equal(("call_Y2h2nRm0fJ0n8KfXHkqJ4i2L", "get_local_time", "{\"city\": \"Paris\"}"), calls[1]);
        Assert.Equal(new StreamEvent(StreamEventKind.Finish, FinishReason: "tool_calls"), events[^2]);
        Assert.Equal(new Usage(80, 40, CachedPromptTokens: 64), events[^1].Usage);
        Assert.DoesNotContain(events, e => e.Kind == StreamEventKind.TextDelta);
    }

    [Fact]
    public async Task OpenStreamAsync_FirstToolPiece_CarriesIdAndNameOnly()
    {
        var url = server.Serve(ReplayScript.EventStream(Payloads.Bytes("stream_tool_calls.sse")));

        var events = await OpenAndReadAsync(url);

        Assert.Equal(new StreamEvent(StreamEventKind.ToolCallDelta, ToolCallIndex: 0, ToolCallId: "call_DdmO9pD3xa9XTPNJ32zg2hcA", ToolName: "get_weather"), events[0]);
        Assert.Equal(new StreamEvent(StreamEventKind.ToolCallDelta, Text: "{\"", ToolCallIndex: 0), events[1]);
    }

    [Fact]
    public async Task OpenStreamAsync_ErrorObjectMidStream_EndsWithClassifiedErrorEvent()
    {
        var url = server.Serve(ReplayScript.EventStream(Payloads.Bytes("stream_error_mid_stream.sse")));

        var events = await OpenAndReadAsync(url);

        Assert.Equal(2, events.Count);
        Assert.Equal("The answer is", events[0].Text);
        Assert.Equal(StreamEventKind.Error, events[1].Kind);
        Assert.Equal(ErrorKind.ServerError, events[1].Error!.Kind);
        Assert.Equal("The server had an error while processing your request. Sorry about that!", events[1].Error!.Message);
    }

    [Fact]
    public async Task OpenStreamAsync_ErrorObjectBeforeAnyContent_FailsToOpenSoTheCallCanFallOver()
    {
        var url = server.Serve(ReplayScript.EventStream(Payloads.Bytes("stream_error_first_event.sse")));

        var result = await _adapter.OpenStreamAsync(TestCalls.Call(url, stream: true), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.ServerError, result.Error!.Kind);
        Assert.Null(result.Error.Status);
    }

    [Fact]
    public async Task OpenStreamAsync_EndsWithoutDone_EndsWithServerErrorEvent()
    {
        var url = server.Serve(ReplayScript.EventStream(Payloads.Bytes("stream_ends_without_done.sse")));

        var events = await OpenAndReadAsync(url);

        Assert.Equal("Once upon a", events[0].Text);
        Assert.Equal(StreamEventKind.Error, events[^1].Kind);
        Assert.Equal(ErrorKind.ServerError, events[^1].Error!.Kind);
    }

    [Fact]
    public async Task OpenStreamAsync_ConnectionCutMidStream_EndsWithConnectErrorEvent()
    {
        var cut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var url = server.Serve(ReplayScript.EventStream(Payloads.Bytes("stream_ends_without_done.sse"), ReplayStep.WaitFor(cut.Task), ReplayStep.AbortConnection()));

        var events = await StreamCollector.ReadCuttingAsync(_adapter, TestCalls.Call(url, stream: true), cut, read => read.Count >= 1);

        Assert.Equal("Once upon a", events[0].Text);
        Assert.Equal(2, events.Count);
        Assert.Equal(StreamEventKind.Error, events[1].Kind);
        Assert.Equal(ErrorKind.Connect, events[1].Error!.Kind);
    }

    [Fact]
    public async Task OpenStreamAsync_CutAfterUsage_StillReportsUsageBeforeTheError()
    {
        var recorded = Encoding.UTF8.GetString(Payloads.Bytes("stream_text_include_usage.sse"));
        var finish = recorded.IndexOf("data: {\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_44709d6fcb\",\"choices\":[{\"index\":0,\"delta\":{},", StringComparison.Ordinal);
        var done = recorded.IndexOf("data: [DONE]", StringComparison.Ordinal);
        var cut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The finish and usage chunks go out in one write, so both are read before the test lets the server cut.
        var script = new ReplayScript
        {
            ContentType = "text/event-stream",
            Steps =
            [
                ReplayStep.Write(Encoding.UTF8.GetBytes(recorded[..finish])),
                ReplayStep.Write(Encoding.UTF8.GetBytes(recorded[finish..done])),
                ReplayStep.WaitFor(cut.Task),
                ReplayStep.AbortConnection(),
            ],
        };
        var url = server.Serve(script);

        var events = await StreamCollector.ReadCuttingAsync(_adapter, TestCalls.Call(url, stream: true), cut, read => read[^1].Kind == StreamEventKind.Finish);

        Assert.Equal(new Usage(9, 12), events[^2].Usage);
        Assert.Equal(ErrorKind.Connect, events[^1].Error!.Kind);
    }

    [Fact]
    public async Task OpenStreamAsync_GroqUsageInXGroq_YieldsUsage()
    {
        var url = server.Serve(ReplayScript.EventStream(Payloads.Bytes("groq_stream_x_groq_usage.sse")));

        var events = await OpenAndReadAsync(url, "groq");

        Assert.Equal("Hello, world!", StreamCollector.Text(events));
        Assert.Equal(new StreamEvent(StreamEventKind.Usage, Usage: new Usage(40, 4)), events[^1]);
    }

    [Fact]
    public async Task OpenStreamAsync_MistralWholeToolCallWithUsage_YieldsCallFinishAndUsage()
    {
        var url = server.Serve(ReplayScript.EventStream(Payloads.Bytes("mistral_stream_tool_call.sse")), out var scenario);

        var events = await OpenAndReadAsync(url, "mistral");

        Assert.Collection(
            events,
            e => Assert.Equal(new StreamEvent(StreamEventKind.ToolCallDelta, Text: "{\"transaction_id\": \"T1001\"}", ToolCallId: "D681PevKs", ToolName: "retrieve_payment_status"), e),
            e => Assert.Equal(new StreamEvent(StreamEventKind.Finish, FinishReason: "tool_calls"), e),
            e => Assert.Equal(new StreamEvent(StreamEventKind.Usage, Usage: new Usage(94, 26)), e));
        Assert.False(JsonNode.Parse(server.Received(scenario)!.Body)!.AsObject().ContainsKey("stream_options"));
    }

    [Fact]
    public async Task DisposeAsync_MidStream_AbortsTheUpstreamRequest()
    {
        var first = Payloads.Bytes("stream_ends_without_done.sse");
        var url = server.Serve(ReplayScript.EventStream(first, ReplayStep.Wait(TimeSpan.FromSeconds(30))), out var scenario);

        await StreamCollector.AssertDisposeAbortsUpstreamAsync(server, scenario, _adapter, TestCalls.Call(url, stream: true));
    }
}
