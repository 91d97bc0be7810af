using System.Text;
using System.Text.Json.Nodes;

namespace Junction.Core.Tests.Catalog;

/// <summary>Builds small catalog documents for tests, each test owning its own copy.</summary>
internal static class CatalogJson
{
    public static JsonObject Entry(string id = "test-model") => new()
    {
        ["id"] = id,
        ["provider"] = "openai",
        ["family"] = "test",
        ["tier"] = "small",
        ["regions"] = new JsonArray("us", "eu"),
        ["price_in"] = 1.0,
        ["price_out"] = 2.0,
        ["price_cached_in"] = 0.5,
        ["context_window"] = 128000,
        ["max_output"] = 16384,
        ["capabilities"] = new JsonArray("tools", "streaming"),
        ["bench_intelligence"] = 0.5,
        ["open_weights"] = false,
        ["data_retention"] = "30d",
        ["priors"] = new JsonObject
        {
            ["latency_p50_ms"] = 900,
            ["ttft_p50_ms"] = 300,
            ["tokens_per_s"] = 80,
            ["availability"] = 0.99,
        },
        ["price_source"] = new JsonObject { ["url"] = "https://example.com/pricing", ["as_of"] = "2026-01-15" },
        ["quality_source"] = new JsonObject { ["url"] = "https://example.com/quality", ["as_of"] = "2026-01-15" },
    };

    public static JsonObject Document(params JsonObject[] entries)
    {
        var models = new JsonArray();
        foreach (var entry in entries)
        {
            models.Add(entry);
        }

        return new JsonObject { ["schema"] = "junction-catalog/v1", ["models"] = models };
    }

    public static MemoryStream Stream(JsonNode node) => new(Encoding.UTF8.GetBytes(node.ToJsonString()));

    public static MemoryStream Stream(string json) => new(Encoding.UTF8.GetBytes(json));
}
