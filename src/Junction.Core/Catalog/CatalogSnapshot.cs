using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Junction.Core.Catalog;

/// <summary>
/// An immutable, versioned view of the catalog with the live stats of one moment. Routing reads only
/// snapshots; a price change or a stats update builds a new one and swaps it in atomically.
/// </summary>
public sealed class CatalogSnapshot
{
    private readonly FrozenDictionary<string, int> _indexById;

    /// <param name="version">Content-hash version of the static catalog, <c>cat_</c> + 12 hex digits.</param>
    /// <param name="models">The models; they are stored sorted by id so tie-breaks are deterministic.</param>
    /// <param name="stats">Live stats aligned with <paramref name="models"/> as given, or null for the priors.</param>
    public CatalogSnapshot(string version, IEnumerable<ModelEntry> models, IReadOnlyDictionary<string, ModelLiveStats>? stats = null)
    {
        Version = version;
        Models = [.. models.OrderBy(m => m.Id, StringComparer.Ordinal)];
        var live = new ModelLiveStats[Models.Length];
        var index = new Dictionary<string, int>(Models.Length, StringComparer.Ordinal);
        for (var i = 0; i < Models.Length; i++)
        {
            var model = Models[i];
            if (!index.TryAdd(model.Id, i))
            {
                throw new ArgumentException($"duplicate model id '{model.Id}'", nameof(models));
            }

            live[i] = stats is not null && stats.TryGetValue(model.Id, out var s) ? s : ModelLiveStats.FromPriors(model);
        }

        Stats = ImmutableArray.Create(live);
        _indexById = index.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary><c>cat_</c> + the first 12 hex digits of the SHA-256 of the static catalog's canonical content.</summary>
    public string Version { get; }

    /// <summary>The models, sorted by <see cref="ModelEntry.Id"/> (ordinal).</summary>
    public ImmutableArray<ModelEntry> Models { get; }

    /// <summary>Live stats, index-aligned with <see cref="Models"/>.</summary>
    public ImmutableArray<ModelLiveStats> Stats { get; }

    /// <summary>Finds a model's index by id (ordinal, exact).</summary>
    public bool TryGetIndex(string id, out int index) => _indexById.TryGetValue(id, out index);

    /// <summary>A snapshot with the same static catalog and new live stats.</summary>
    public CatalogSnapshot WithStats(IReadOnlyDictionary<string, ModelLiveStats> stats) => new(Version, Models, stats);
}
