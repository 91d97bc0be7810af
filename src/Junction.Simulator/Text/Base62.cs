namespace Junction.Simulator.Text;

/// <summary>Spells a number in letters and digits, the alphabet of OpenAI's ids.</summary>
internal static class Base62
{
    private static ReadOnlySpan<byte> Alphabet => "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8;

    public static void Write(ulong value, Span<char> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)Alphabet[(int)(value % 62)];
            value /= 62;
        }
    }

    public static void Write(ulong value, Span<byte> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = Alphabet[(int)(value % 62)];
            value /= 62;
        }
    }
}
