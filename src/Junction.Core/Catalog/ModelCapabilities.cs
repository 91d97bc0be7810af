namespace Junction.Core.Catalog;

/// <summary>What a model can take in or produce; matched by the policy predicate <c>["has", name]</c>.</summary>
[Flags]
public enum ModelCapabilities
{
    None = 0,
    Tools = 1 << 0,
    Vision = 1 << 1,
    JsonSchema = 1 << 2,
    JsonMode = 1 << 3,
    Streaming = 1 << 4,
    Reasoning = 1 << 5,
}

/// <summary>The wire names of <see cref="ModelCapabilities"/>, as used in the catalog and in policies.</summary>
public static class CapabilityNames
{
    /// <summary>Every capability with its wire name, in a stable order.</summary>
    public static readonly IReadOnlyList<(string Name, ModelCapabilities Flag)> All =
    [
        ("tools", ModelCapabilities.Tools),
        ("vision", ModelCapabilities.Vision),
        ("json_schema", ModelCapabilities.JsonSchema),
        ("json_mode", ModelCapabilities.JsonMode),
        ("streaming", ModelCapabilities.Streaming),
        ("reasoning", ModelCapabilities.Reasoning),
    ];

    /// <summary>Looks up a capability by its wire name (case-sensitive).</summary>
    public static bool TryParse(string name, out ModelCapabilities flag)
    {
        foreach (var (n, f) in All)
        {
            if (n == name)
            {
                flag = f;
                return true;
            }
        }

        flag = ModelCapabilities.None;
        return false;
    }

    /// <summary>Every flag <see cref="All"/> names; other bits have no name.</summary>
    private static readonly ModelCapabilities Known = All.Aggregate(ModelCapabilities.None, static (known, c) => known | c.Flag);

    /// <summary>Every combination's names, made once: every request's trace lists what it needs.</summary>
    private static readonly string[][] NamesByFlags = BuildNames();

    /// <summary>The wire names of the set flags, in the stable order of <see cref="All"/>; unknown bits are ignored. Shared: do not modify.</summary>
    public static IReadOnlyList<string> Names(ModelCapabilities flags) => NamesByFlags[(int)(flags & Known)];

    private static string[][] BuildNames()
    {
        var table = new string[(int)Known + 1][];
        for (var flags = 0; flags < table.Length; flags++)
        {
            table[flags] = [.. All.Where(c => (flags & (int)c.Flag) != 0).Select(c => c.Name)];
        }

        return table;
    }
}
