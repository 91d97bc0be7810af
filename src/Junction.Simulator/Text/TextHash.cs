namespace Junction.Simulator.Text;

/// <summary>FNV-1a over bytes: cheap, stable across runs and platforms, fed in pieces.</summary>
internal struct TextHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public TextHash() => Value = OffsetBasis;

    public ulong Value { get; private set; }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        var hash = Value;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * Prime;
        }
        Value = hash;
    }

    /// <summary>Mixes a 64-bit value well enough to pick words from (SplitMix64's finaliser).</summary>
    public static ulong Mix(ulong value)
    {
        value += 0x9E3779B97F4A7C15;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EB;
        return value ^ (value >> 31);
    }
}
