using System.Text;
using Junction.Core.Fallback;
using Junction.Providers.Abstractions;
using Junction.Providers.Anthropic;
using Junction.Providers.Http;
using Junction.Providers.Sse;
using Junction.Providers.Tests.Infrastructure;

namespace Junction.Providers.Tests.Anthropic;

/// <summary>The decoder on its own, fed through the real <see cref="SseReader"/> from in-memory streams.</summary>
public sealed class AnthropicStreamDecoderTests
{
    [Fact]
    public async Task Decode_RecordedStreamByteByByte_SameEventsAsWhole()
    {
        var bytes = AnthropicPayloads.Bytes("stream_tool_use.sse");

        var whole = await DecodeAsync(new MemoryStream(bytes));
        var split = await DecodeAsync(ChunkedStream.ByteByByte(bytes));

        Assert.Equal(whole, split);
        Assert.Equal(StreamEventKind.Usage, whole[^1].Kind);
    }

    [Fact]
    public async Task Decode_EventsWithoutNames_DispatchOnTheDataType()
    {
        var unnamed = string.Join('\n', Encoding.UTF8.GetString(AnthropicPayloads.Bytes("stream_text.sse"))
            .Split('\n')
            .Where(line => !line.StartsWith("event:", StringComparison.Ordinal)));

        var events = await DecodeAsync(new MemoryStream(Encoding.UTF8.GetBytes(unnamed)));

        Assert.Equal("Hello! Ça va? 👋 How can I help?", string.Concat(events.Where(e => e.Kind == StreamEventKind.TextDelta).Select(e => e.Text)));
        Assert.Equal(new Usage(25, 15), events[^1].Usage);
    }

    [Fact]
    public async Task Decode_ToolBlockAfterThinkingAndText_IsToolCallZero()
    {
        const string stream = """
            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

            event: content_block_start
            data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_9","name":"lookup","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{}"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"ignored: not a tool block"}}

            event: message_stop
            data: {"type":"message_stop"}


            """;

        var events = await DecodeAsync(new MemoryStream(Encoding.UTF8.GetBytes(stream.ReplaceLineEndings("\n"))));

        Assert.Collection(
            events,
            e => Assert.Equal(new StreamEvent(StreamEventKind.ToolCallDelta, ToolCallIndex: 0, ToolCallId: "toolu_9", ToolName: "lookup"), e),
            e => Assert.Equal(new StreamEvent(StreamEventKind.ToolCallDelta, Text: "{}", ToolCallIndex: 0), e));
    }

    [Fact]
    public async Task Decode_MalformedEvent_EndsWithServerError()
    {
        var bytes = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":\n\n"u8.ToArray();

        var events = await DecodeAsync(new MemoryStream(bytes));

        var only = Assert.Single(events);
        Assert.Equal(ErrorKind.ServerError, only.Error!.Kind);
    }

    [Theory]
    [InlineData("rate_limit_error", ErrorKind.RateLimited)]
    [InlineData("api_error", ErrorKind.ServerError)]
    [InlineData("overloaded_error", ErrorKind.Overloaded)]
    [InlineData("invalid_request_error", ErrorKind.ClientError)]
    [InlineData("authentication_error", ErrorKind.Auth)]
    [InlineData("something_new", ErrorKind.ServerError)]
    public async Task Decode_ErrorEvent_ClassifiedByItsType(string type, ErrorKind expected)
    {
        var bytes = Encoding.UTF8.GetBytes($$$"""data: {"type":"error","error":{"type":"{{{type}}}","message":"Boom"}}""" + "\n\n");

        var events = await DecodeAsync(new MemoryStream(bytes));

        Assert.Equal(expected, Assert.Single(events).Error!.Kind);
    }

    private static async Task<List<StreamEvent>> DecodeAsync(Stream body)
    {
        var decoder = new AnthropicStreamDecoder(secret: null);
        var output = new Queue<StreamEvent>();
        await using var sse = new SseReader(body);
        while (await sse.ReadAsync())
        {
            if (decoder.Decode(sse.Current, output) != DecodeStatus.Continue)
            {
                break;
            }
        }

        return [.. output];
    }
}
