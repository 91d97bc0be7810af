namespace Junction.Core.Catalog;

/// <summary>
/// Loads the shipped catalog and an operator's override file into a validated, versioned <see cref="CatalogSnapshot"/>.
/// Every problem throws a <see cref="CatalogException"/> that names the file, the entry and the field, so a bad
/// catalog stops start-up instead of routing on wrong prices.
/// </summary>
public static class CatalogLoader
{
    /// <summary>The name the shipped catalog goes by in messages.</summary>
    public const string DefaultSourceName = "models.json";

    private const string ResourceName = "Junction.Core.Catalog.Data.models.json";

    /// <summary>The catalog shipped inside Junction.Core.</summary>
    public static CatalogSnapshot LoadDefault() => Build([ReadDefault()]);

    /// <summary>A complete catalog from one stream (no defaults merged in).</summary>
    public static CatalogSnapshot Load(Stream json, string sourceName) =>
        Build([CatalogFileReader.Read(json, sourceName, isOverride: false)]);

    /// <summary>
    /// The shipped catalog merged with the operator's file, or the shipped catalog alone when no file is given.
    /// An entry whose id exists replaces only the fields it gives; a new id must be complete;
    /// top-level <c>"remove": [ids]</c> drops models (applied before the file's entries).
    /// </summary>
    public static CatalogSnapshot Load(string? operatorOverrideFile)
    {
        if (string.IsNullOrWhiteSpace(operatorOverrideFile))
        {
            return LoadDefault();
        }

        Stream stream;
        try
        {
            stream = File.OpenRead(operatorOverrideFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CatalogException(operatorOverrideFile, null, null, null, $"cannot read the file: {ex.Message}", ex);
        }

        using (stream)
        {
            return LoadDefaultWithOverride(stream, operatorOverrideFile);
        }
    }

    /// <summary>The shipped catalog merged with an override read from a stream (e.g. an admin API upload).</summary>
    public static CatalogSnapshot LoadDefaultWithOverride(Stream overrideJson, string sourceName) =>
        Build([ReadDefault(), CatalogFileReader.Read(overrideJson, sourceName, isOverride: true)]);

    private static CatalogFile ReadDefault()
    {
        using var stream = typeof(CatalogLoader).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new CatalogException(DefaultSourceName, null, null, null, $"embedded resource '{ResourceName}' is missing from {typeof(CatalogLoader).Assembly.GetName().Name}");
        return CatalogFileReader.Read(stream, DefaultSourceName, isOverride: false);
    }

    private static CatalogSnapshot Build(IReadOnlyList<CatalogFile> files)
    {
        // Insertion order is kept only for messages; the snapshot sorts by id.
        var drafts = new Dictionary<string, ModelDraft>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            for (var i = 0; i < file.Remove.Count; i++)
            {
                var id = file.Remove[i];
                if (!drafts.Remove(id))
                {
                    throw new CatalogException(file.SourceName, null, null, $"remove[{i}]", $"unknown model id '{id}'{Spelling.Hint(id, drafts.Keys)}");
                }
            }

            foreach (var draft in file.Models)
            {
                if (drafts.TryGetValue(draft.Id, out var existing))
                {
                    existing.Apply(draft);
                }
                else
                {
                    drafts.Add(draft.Id, draft);
                }
            }
        }

        if (drafts.Count == 0)
        {
            throw new CatalogException(files[^1].SourceName, null, null, "models", "the catalog has no models left");
        }

        var entries = new List<ModelEntry>(drafts.Count);
        foreach (var draft in drafts.Values)
        {
            entries.Add(draft.ToEntry());
        }

        return new CatalogSnapshot(CatalogVersion.Compute(entries), entries);
    }
}
