using System.Buffers;
using System.Text;

namespace Junction.Simulator.Text;

/// <summary>
/// A deterministic reply of <see cref="TokenCount"/> tokens: <c>Simulated reply from &lt;model&gt;:</c> then words
/// picked by a hash of the last user message. Tokens are produced on demand into a caller's buffer, so a
/// reply costs no allocation; the streamed and non-streamed forms concatenate to the same text. A text cut by a stop
/// sequence keeps only the first <paramref name="lastTokenLength"/> bytes of its last token (-1: all of it).
/// </summary>
internal readonly struct ReplyText(string model, ulong seed, int tokenCount, bool endsSentence, int lastTokenLength = -1)
{
    private static ReadOnlySpan<byte> Simulated => "Simulated"u8;
    private static ReadOnlySpan<byte> ReplyWord => " reply"u8;
    private static ReadOnlySpan<byte> FromWord => " from"u8;

    public int TokenCount { get; } = tokenCount;

    /// <summary>Upper bound in bytes of any one token.</summary>
    public int MaxTokenLength => Math.Max(WordList.MaxLength, Encoding.UTF8.GetMaxByteCount(model.Length) + 2) + 1;

    /// <summary>Upper bound in bytes of the whole text.</summary>
    public int MaxLength => MaxTokenLength * TokenCount;

    /// <summary>Writes token <paramref name="index"/> and returns its length in bytes.</summary>
    public int WriteToken(int index, Span<byte> destination)
    {
        var written = index switch
        {
            0 => Copy(Simulated, destination),
            1 => Copy(ReplyWord, destination),
            2 => Copy(FromWord, destination),
            3 => WriteModelToken(destination),
            _ => Copy(WordList.Words[(int)(TextHash.Mix(seed + (ulong)index) % (ulong)WordList.Words.Length)], destination),
        };
        if (endsSentence && index == TokenCount - 1)
        {
            destination[written++] = (byte)'.';
        }
        if (lastTokenLength >= 0 && index == TokenCount - 1)
        {
            written = Math.Min(written, lastTokenLength);
        }
        return written;
    }

    /// <summary>Writes every token back to back and returns the length in bytes.</summary>
    public int WriteAll(Span<byte> destination)
    {
        var written = 0;
        for (var i = 0; i < TokenCount; i++)
        {
            written += WriteToken(i, destination[written..]);
        }
        return written;
    }

    /// <summary>
    /// This text ended just before the first place any of <paramref name="stopSequences"/> appears in it, and the
    /// sequence found there (the earliest; at one place, the first listed); null when none appears.
    /// </summary>
    public ReplyText? CutBeforeFirst(IReadOnlyList<string> stopSequences, out string? sequence)
    {
        sequence = null;
        var buffer = ArrayPool<byte>.Shared.Rent(MaxLength + MaxTokenLength);
        try
        {
            var length = WriteAll(buffer);
            var text = buffer.AsSpan(0, length);
            var at = -1;
            foreach (var stop in stopSequences)
            {
                var found = stop.Length == 0 ? -1 : text.IndexOf(Encoding.UTF8.GetBytes(stop));
                if (found >= 0 && (at < 0 || found < at))
                {
                    at = found;
                    sequence = stop;
                }
            }

            // The token the cut falls in keeps the bytes before it; a cut on a token's first byte drops that token.
            var start = 0;
            for (var i = 0; at >= 0 && i < TokenCount; i++)
            {
                var tokenLength = WriteToken(i, buffer.AsSpan(length));
                if (at < start + tokenLength)
                {
                    return at == start
                        ? new ReplyText(model, seed, i, endsSentence: false)
                        : new ReplyText(model, seed, i + 1, endsSentence: false, lastTokenLength: at - start);
                }

                start += tokenLength;
            }

            sequence = null;
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int WriteModelToken(Span<byte> destination)
    {
        destination[0] = (byte)' ';
        var length = 1 + Encoding.UTF8.GetBytes(model, destination[1..]);
        destination[length] = (byte)':';
        return length + 1;
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }
}
