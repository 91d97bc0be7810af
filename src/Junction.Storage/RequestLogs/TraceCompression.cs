using System.Buffers;
using System.IO.Compression;

namespace Junction.Storage.RequestLogs;

/// <summary>
/// The stored form of a trace: its UTF-8 JSON, Brotli-compressed, which is less to copy through SQLite's write-ahead
/// log, its checkpoints and the disk for every request. Quality 0, Brotli's one-pass mode: most stored traces are
/// now about 1.5 KB (their shared rejection list is kept apart), and at that size quality 1's two-pass setup cost
/// more than the compression (7.4 µs against 4.9 µs per trace, 621 against 669 bytes); on a whole 8 KB trace the two
/// take the same time and quality 0 keeps 950 bytes to quality 1's 840.
/// </summary>
internal static class TraceCompression
{
    private const int Quality = 0;

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
