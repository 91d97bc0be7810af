namespace Junction.Simulator.Text;

/// <summary>Finds the word <c>tool</c> or <c>tools</c> (any case, as a whole word) in UTF-8 text.</summary>
internal static class ToolMention
{
    public static bool In(ReadOnlySpan<byte> text)
    {
        for (var i = 0; i + 4 <= text.Length; i++)
        {
            if (Lower(text[i]) != 't' || Lower(text[i + 1]) != 'o' || Lower(text[i + 2]) != 'o' || Lower(text[i + 3]) != 'l')
            {
                continue;
            }
            if (i > 0 && IsWordByte(text[i - 1]))
            {
                continue;
            }
            var end = i + 4;
            if (end < text.Length && Lower(text[end]) == 's')
            {
                end++;
            }
            if (end == text.Length || !IsWordByte(text[end]))
            {
                return true;
            }
        }
        return false;
    }

    private static int Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? b + 32 : b;

    private static bool IsWordByte(byte b) => char.IsAsciiLetterOrDigit((char)b) || b == '_' || b >= 0x80;
}
