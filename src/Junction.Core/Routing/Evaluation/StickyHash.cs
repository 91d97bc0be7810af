using System.Text;

namespace Junction.Core.Routing.Evaluation;

/// <summary>
/// Maps a sticky key to a point in [0, 1): 64-bit FNV-1a over the key's UTF-8 bytes, top 53 bits as the
/// fraction. Stable across processes, machines and runtimes (unlike <see cref="string.GetHashCode()"/>), so
/// a caller keeps its split arm everywhere and other implementations can reproduce the choice.
/// </summary>
internal static class StickyHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static double UnitInterval(string key) => (Fnv1a(key) >> 11) * (1.0 / (1UL << 53));

    public static ulong Fnv1a(string key)
    {
        var hash = OffsetBasis;
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in key.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++)
            {
                hash = (hash ^ utf8[i]) * Prime;
            }
        }

        return hash;
    }
}
