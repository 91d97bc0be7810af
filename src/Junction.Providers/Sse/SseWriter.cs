using System.Buffers;

namespace Junction.Providers.Sse;

/// <summary>
/// Writes Server-Sent Event frames into a buffer writer (an HTTP response's <c>PipeWriter</c>). Nothing is flushed:
/// the caller flushes once per frame or per batch of frames.
/// </summary>
public static class SseWriter
{
    private static ReadOnlySpan<byte> DataPrefix => "data: "u8;

    private static ReadOnlySpan<byte> EventPrefix => "event: "u8;

    /// <summary>Writes <c>data: …\n\n</c>. Data holding line breaks becomes one <c>data:</c> line per line, as the format requires.</summary>
    public static void WriteData(IBufferWriter<byte> output, ReadOnlySpan<byte> data)
    {
        WriteDataLines(output, data);
        WriteEnd(output);
    }

    /// <summary>Writes <c>event: name\ndata: …\n\n</c> (the Anthropic dialect names its events).</summary>
    public static void WriteEvent(IBufferWriter<byte> output, ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> data)
    {
        Write(output, EventPrefix);
        Write(output, eventType);
        Write(output, "\n"u8);
        WriteDataLines(output, data);
        WriteEnd(output);
    }

    /// <summary>Writes OpenAI's terminator, <c>data: [DONE]\n\n</c>.</summary>
    public static void WriteDone(IBufferWriter<byte> output) => Write(output, "data: [DONE]\n\n"u8);

    /// <summary>Writes a comment frame (<c>: text\n\n</c>), which clients ignore; used as a keep-alive.</summary>
    public static void WriteComment(IBufferWriter<byte> output, ReadOnlySpan<byte> text)
    {
        Write(output, ": "u8);
        Write(output, text);
        WriteEnd(output);
    }

    /// <summary>
    /// Writes <c>data: </c> alone, for a caller that then writes a single-line payload (compact JSON from a
    /// <c>Utf8JsonWriter</c> has no raw line breaks) straight into <paramref name="output"/> and closes with <see cref="WriteEnd"/>.
    /// </summary>
    public static void WriteDataPrefix(IBufferWriter<byte> output) => Write(output, DataPrefix);

    /// <summary>Ends the current line and the frame: <c>\n\n</c>.</summary>
    public static void WriteEnd(IBufferWriter<byte> output) => Write(output, "\n\n"u8);

    private static void WriteDataLines(IBufferWriter<byte> output, ReadOnlySpan<byte> data)
    {
        while (true)
        {
            var end = data.IndexOfAny((byte)'\r', (byte)'\n');
            Write(output, DataPrefix);
            if (end < 0)
            {
                Write(output, data);
                return;
            }

            Write(output, data[..end]);
            Write(output, "\n"u8);
            var skip = data[end] == (byte)'\r' && end + 1 < data.Length && data[end + 1] == (byte)'\n' ? 2 : 1;
            data = data[(end + skip)..];
        }
    }

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        var span = output.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        output.Advance(bytes.Length);
    }
}
