using System.Text;
using Junction.Providers.Sse;
using Junction.Providers.Tests.Infrastructure;

namespace Junction.Providers.Tests.Sse;

public sealed class SseReaderTests
{
    // Every rule of the format in one payload: BOM, comments, event names, data with and without the space,
    // multi-line data, an empty data line, id/retry fields, CRLF, LF and bare CR line ends, multi-byte UTF-8
    // (2-, 3- and 4-byte sequences) and a trailing event that never ends (discarded).
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes(
        "\uFEFF: keep-alive comment\n" +
        "data: {\"text\":\"Ça va ✓ 👋\"}\n\n" +
        "event: message_delta\r\n" +
        "data:no-space\r\n\r\n" +
        "id: 42\nretry: 1000\n" +
        "data: first line\n" +
        "data: second line\n\n" +
        ":another comment\r" +
        "event: ping\r" +
        "data\r\r" +
        "data:  two spaces keep one\n\n" +
        "event: orphan\n\n" +
        "data: [DONE]\n\n" +
        "data: never finished");

    private static readonly (string Type, string Data)[] Expected =
    [
        (string.Empty, "{\"text\":\"Ça va ✓ 👋\"}"),
        ("message_delta", "no-space"),
        (string.Empty, "first line\nsecond line"),
        ("ping", string.Empty),
        (string.Empty, " two spaces keep one"),
        (string.Empty, "[DONE]"),
    ];

    [Fact]
    public async Task ReadAsync_WholePayload_YieldsEveryEventInOrder()
    {
        var events = await ReadAllAsync(new MemoryStream(Payload));

        Assert.Equal(Expected, events);
    }

    [Fact]
    public async Task ReadAsync_SplitAtEveryByteOffset_YieldsTheSameEvents()
    {
        for (var offset = 1; offset < Payload.Length; offset++)
        {
            var events = await ReadAllAsync(ChunkedStream.SplitAt(Payload, offset));

            Assert.True(Expected.SequenceEqual(events), $"Split at byte {offset} changed the events.");
        }
    }

    [Fact]
    public async Task ReadAsync_SplitAtEveryPairOfOffsetsNearLineEnds_YieldsTheSameEvents()
    {
        // Two cuts around each CR/LF catch a CRLF split from both sides and a line split twice.
        for (var i = 0; i < Payload.Length; i++)
        {
            if (Payload[i] is not ((byte)'\r' or (byte)'\n'))
            {
                continue;
            }

            for (var j = Math.Max(1, i - 3); j <= Math.Min(Payload.Length - 1, i + 3); j++)
            {
                for (var k = j + 1; k <= Math.Min(Payload.Length - 1, i + 4); k++)
                {
                    var events = await ReadAllAsync(ChunkedStream.SplitAt(Payload, j, k));
                    Assert.True(Expected.SequenceEqual(events), $"Split at bytes {j} and {k} changed the events.");
                }
            }
        }
    }

    [Fact]
    public async Task ReadAsync_OneBytePerRead_YieldsTheSameEvents()
    {
        var events = await ReadAllAsync(ChunkedStream.ByteByByte(Payload));

        Assert.Equal(Expected, events);
    }

    [Fact]
    public async Task ReadAsync_RecordedOpenAIStream_YieldsOneEventPerChunk()
    {
        var bytes = Payloads.Bytes("stream_text_include_usage.sse");

        var events = await ReadAllAsync(ChunkedStream.ByteByByte(bytes));

        Assert.Equal(7, events.Count);
        Assert.StartsWith("{\"id\":\"chatcmpl-123\"", events[0].Data, StringComparison.Ordinal);
        Assert.Equal("[DONE]", events[^1].Data);
    }

    [Fact]
    public async Task ReadAsync_StreamEndsMidEvent_DiscardsTheOpenEvent()
    {
        var events = await ReadAllAsync(new MemoryStream("data: complete\n\ndata: open\n"u8.ToArray()));

        Assert.Equal([(string.Empty, "complete")], events);
    }

    [Fact]
    public async Task ReadAsync_EventLargerThanLimit_ThrowsInvalidData()
    {
        var big = Encoding.UTF8.GetBytes("data: " + new string('x', 100) + "\n\n");
        await using var reader = new SseReader(new MemoryStream(big), maxEventBytes: 64);

        await Assert.ThrowsAsync<InvalidDataException>(async () => await reader.ReadAsync());
    }

    [Fact]
    public async Task ReadAsync_UnterminatedLineLargerThanLimit_ThrowsInvalidData()
    {
        var big = Encoding.UTF8.GetBytes("data: " + new string('x', 10_000));
        await using var reader = new SseReader(ChunkedStream.SplitAt(big, 5000), maxEventBytes: 1024);

        await Assert.ThrowsAsync<InvalidDataException>(async () => await reader.ReadAsync());
    }

    [Fact]
    public async Task ReadAsync_CancelledToken_Throws()
    {
        await using var reader = new SseReader(new MemoryStream(Payload));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await reader.ReadAsync(cancelled.Token));
    }

    private static async Task<List<(string Type, string Data)>> ReadAllAsync(Stream stream)
    {
        var events = new List<(string, string)>();
        await using var reader = new SseReader(stream);
        while (await reader.ReadAsync())
        {
            var current = reader.Current;
            events.Add((Encoding.UTF8.GetString(current.EventType.Span), Encoding.UTF8.GetString(current.Data.Span)));
        }

        return events;
    }
}
