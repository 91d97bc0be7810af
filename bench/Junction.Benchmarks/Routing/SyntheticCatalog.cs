using Junction.Core.Catalog;

namespace Junction.Benchmarks.Routing;

/// <summary>
/// Catalogs of any size for benchmarks: the shipped models, cloned with perturbed prices and quality
/// until the requested count, so filters and scorers see realistic spreads.
/// </summary>
internal static class SyntheticCatalog
{
    public static CatalogSnapshot Create(int count)
    {
        var shipped = CatalogLoader.LoadDefault().Models;
        var random = new Random(42);
        var models = new List<ModelEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var template = shipped[i % shipped.Length];
            if (i < shipped.Length)
            {
                models.Add(template);
                continue;
            }

            var factor = 0.5 + random.NextDouble();
            models.Add(template with
            {
                Id = $"{template.Id}-v{i}",
                PriceIn = template.PriceIn * factor,
                PriceOut = template.PriceOut * factor,
                BenchIntelligence = Math.Clamp(template.BenchIntelligence * (0.8 + (0.4 * random.NextDouble())), 0, 1),
                LatencyP50Ms = template.LatencyP50Ms * factor,
            });
        }

        return new CatalogSnapshot($"cat_synthetic{count}", models);
    }
}
