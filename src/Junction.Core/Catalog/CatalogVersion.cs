using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Junction.Core.Catalog;

/// <summary>
/// The content version of a catalog: <c>cat_</c> + the first 12 hex digits of the SHA-256 of its canonical JSON
/// (models sorted by id, fields in a fixed order, numbers in shortest round-trip form, regions sorted).
/// The same content always gives the same version; any change to any field gives another.
/// </summary>
public static class CatalogVersion
{
    /// <summary>Computes the version of a model list; the order of <paramref name="models"/> does not matter.</summary>
    public static string Compute(IEnumerable<ModelEntry> models)
    {
        var hash = SHA256.HashData(CanonicalJson(models));
        return "cat_" + Convert.ToHexStringLower(hash)[..12];
    }

    /// <summary>The canonical UTF-8 JSON the version hashes (also what a snapshot export writes).</summary>
    public static byte[] CanonicalJson(IEnumerable<ModelEntry> models)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", CatalogFileReader.Schema);
            writer.WriteStartArray("models");
            foreach (var model in models.OrderBy(m => m.Id, StringComparer.Ordinal))
            {
                Write(writer, model);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, ModelEntry model)
    {
        writer.WriteStartObject();
        writer.WriteString("id", model.Id);
        writer.WriteString("provider", model.Provider);
        writer.WriteString("upstream_model", model.UpstreamModel);
        writer.WriteString("family", model.Family);
        writer.WriteString("tier", model.Tier);
        writer.WriteStartArray("regions");
        foreach (var region in model.Regions.OrderBy(r => r, StringComparer.Ordinal))
        {
            writer.WriteStringValue(region);
        }

        writer.WriteEndArray();
        writer.WriteNumber("price_in", model.PriceIn);
        writer.WriteNumber("price_out", model.PriceOut);
        if (model.PriceCachedIn is { } cached)
        {
            writer.WriteNumber("price_cached_in", cached);
        }
        else
        {
            writer.WriteNull("price_cached_in");
        }

        writer.WriteNumber("context_window", model.ContextWindow);
        writer.WriteNumber("max_output", model.MaxOutput);
        writer.WriteStartArray("capabilities");
        foreach (var name in CapabilityNames.Names(model.Capabilities))
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
        writer.WriteNumber("bench_intelligence", model.BenchIntelligence);
        writer.WriteBoolean("open_weights", model.OpenWeights);
        writer.WriteString("data_retention", model.DataRetention);
        writer.WriteStartObject("priors");
        writer.WriteNumber("latency_p50_ms", model.LatencyP50Ms);
        writer.WriteNumber("ttft_p50_ms", model.TtftP50Ms);
        writer.WriteNumber("tokens_per_s", model.TokensPerS);
        writer.WriteNumber("availability", model.Availability);
        writer.WriteEndObject();
        WriteSource(writer, "price_source", model.PriceSource);
        WriteSource(writer, "quality_source", model.QualitySource);
        writer.WriteEndObject();
    }

    private static void WriteSource(Utf8JsonWriter writer, string name, SourceRef source)
    {
        writer.WriteStartObject(name);
        writer.WriteString("url", source.Url);
        writer.WriteString("as_of", source.AsOf);
        writer.WriteEndObject();
    }
}
