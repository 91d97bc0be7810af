using Junction.Core.Catalog;

namespace Junction.Core.Tests.Golden;

/// <summary>The pinned catalog of the golden vectors and the routing properties (test-catalog.json).</summary>
internal static class TestCatalog
{
    public const string FileName = "test-catalog.json";

    private static readonly Lazy<CatalogSnapshot> Snapshot = new(() =>
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Golden", FileName));
        return CatalogLoader.Load(stream, FileName);
    });

    /// <summary>One shared immutable snapshot: snapshots are read-only, so sharing it cannot couple tests.</summary>
    public static CatalogSnapshot Load() => Snapshot.Value;
}
