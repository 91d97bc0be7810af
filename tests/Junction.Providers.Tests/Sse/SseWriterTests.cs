using System.Buffers;
using System.Text;
using Junction.Providers.Sse;

namespace Junction.Providers.Tests.Sse;

public sealed class SseWriterTests
{
    [Fact]
    public void WriteData_SingleLine_WritesOneFrame()
    {
        var output = new ArrayBufferWriter<byte>();

        SseWriter.WriteData(output, "{\"a\":1}"u8);

        Assert.Equal("data: {\"a\":1}\n\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void WriteData_LineBreaksInData_WritesOneDataLinePerLine()
    {
        var output = new ArrayBufferWriter<byte>();

        SseWriter.WriteData(output, "one\r\ntwo\nthree"u8);

        Assert.Equal("data: one\ndata: two\ndata: three\n\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void WriteEvent_NamedEvent_WritesEventThenData()
    {
        var output = new ArrayBufferWriter<byte>();

        SseWriter.WriteEvent(output, "message_stop"u8, "{}"u8);

        Assert.Equal("event: message_stop\ndata: {}\n\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void WriteDoneAndComment_WriteTheirFrames()
    {
        var output = new ArrayBufferWriter<byte>();

        SseWriter.WriteComment(output, "ping"u8);
        SseWriter.WriteDataPrefix(output);
        output.Write("{}"u8);
        SseWriter.WriteEnd(output);
        SseWriter.WriteDone(output);

        Assert.Equal(": ping\n\ndata: {}\n\ndata: [DONE]\n\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public async Task WriteData_ReadBackBySseReader_RoundTripsMultiLineData()
    {
        var output = new ArrayBufferWriter<byte>();
        SseWriter.WriteData(output, "a\nb\n"u8);
        SseWriter.WriteEvent(output, "x"u8, "é👋"u8);

        await using var reader = new SseReader(new MemoryStream(output.WrittenSpan.ToArray()));
        Assert.True(await reader.ReadAsync());
        Assert.Equal("a\nb\n", Encoding.UTF8.GetString(reader.Current.Data.Span));
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.Current.IsType("x"u8));
        Assert.Equal("é👋", Encoding.UTF8.GetString(reader.Current.Data.Span));
        Assert.False(await reader.ReadAsync());
    }
}
