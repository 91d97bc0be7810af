using System.Buffers;
using System.Text.Json;
using Junction.Simulator.Text;

namespace Junction.Simulator.OpenAI;

/// <summary>Hashes the last user message's text (a string, or the <c>text</c> of content parts) and looks for the word <c>tool</c>.</summary>
internal static class UserContentDigest
{
    /// <summary>Hashes the last user message's text and looks for the word <c>tool</c> in it.</summary>
    public static (ulong Hash, bool MentionsTool) Digest(ReadOnlySpan<byte> body, int start, int length)
    {
        var hash = new TextHash();
        var mentionsTool = false;
        if (start < 0)
        {
            return (hash.Value, false);
        }

        var reader = new Utf8JsonReader(body.Slice(start, length));
        while (reader.Read())
        {
            // In a parts array only the values of "text" properties are text; a bare string is the whole content.
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    mentionsTool |= DigestString(ref reader, ref hash);
                }
            }
            else if (reader.TokenType == JsonTokenType.String && reader.CurrentDepth == 0)
            {
                mentionsTool |= DigestString(ref reader, ref hash);
            }
            else if (reader.TokenType == JsonTokenType.PropertyName)
            {
                reader.Skip();
            }
        }
        return (hash.Value, mentionsTool);
    }

    private static bool DigestString(ref Utf8JsonReader reader, ref TextHash hash)
    {
        if (!reader.ValueIsEscaped)
        {
            hash.Append(reader.ValueSpan);
            return ToolMention.In(reader.ValueSpan);
        }
        var rented = reader.ValueSpan.Length > 512 ? ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length) : null;
        var buffer = rented ?? stackalloc byte[512];
        var written = reader.CopyString(buffer);
        var text = buffer[..written];
        hash.Append(text);
        var mentions = ToolMention.In(text);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
        return mentions;
    }
}
