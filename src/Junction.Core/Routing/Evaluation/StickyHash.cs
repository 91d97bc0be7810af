using System.Text;

namespace Junction.Core.Routing.Evaluation;

/// <summary>
/// Maps a sticky key to a point in [0, 1): 64-bit FNV-1a over the key's UTF-8 bytes, mixed by the MurmurHash3
/// 64-bit finalizer (FNV alone leaves the high bits of similar short keys such as <c>user-17</c> correlated),
/// top 53 bits as the fraction. Stable across processes, machines and runtimes (unlike <see cref="string.GetHashCode()"/>), so
/// a caller keeps its split arm everywhere and other implementations can reproduce the choice.
/// </summary>
internal static class StickyHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static double UnitInterval(string key) => (Mix(Fnv1a(key)) >> 11) * (1.0 / (1UL << 53));

    /// <summary>The MurmurHash3 <c>fmix64</c> finalizer.</summary>
    public static ulong Mix(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccd;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53;
        hash ^= hash >> 33;
        return hash;
    }

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
