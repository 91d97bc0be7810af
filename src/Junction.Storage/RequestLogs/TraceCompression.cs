using System.Buffers;
using System.IO.Compression;

namespace Junction.Storage.RequestLogs;

/// <summary>
/// The stored form of a trace: its UTF-8 JSON, Brotli-compressed. Quality 1 is the fast end of Brotli (about 15 µs
/// for a 10 KB trace on the development machine) and still shrinks a trace's repeated rules about eight to one,
/// which is less to copy through SQLite's write-ahead log, its checkpoints and the disk for every request.
/// </summary>
internal static class TraceCompression
{
    private const int Quality = 1;

    /// <summary>2^16 bytes: traces repeat within a few hundred bytes; a larger window gains nothing and costs setup.</summary>
    private const int WindowBits = 16;

    /// <summary>Compresses straight into <paramref name="output"/>: the writer reuses one buffer for a whole batch.</summary>
    public static void Compress(ReadOnlySpan<byte> json, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(BrotliEncoder.GetMaxCompressedLength(json.Length));
        if (!BrotliEncoder.TryCompress(json, span, out var written, Quality, WindowBits))
        {
            throw new InvalidOperationException("Brotli could not compress a trace into its maximum compressed length.");
        }

        output.Advance(written);
    }

    public static byte[] Decompress(byte[] compressed)
    {
        using var output = new MemoryStream(compressed.Length * 8);
        using (var brotli = new BrotliStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress))
        {
            brotli.CopyTo(output);
        }

        return output.ToArray();
    }
}
