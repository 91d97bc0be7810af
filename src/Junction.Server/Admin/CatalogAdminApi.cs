using System.Text.Json;
using Junction.Core.Catalog;
using Junction.Server.Pipeline;
using static Junction.Server.Admin.AdminResponses;

namespace Junction.Server.Admin;

/// <summary>
/// <c>GET /admin/catalog</c>: every model of the catalog in force with its prices (USD per million tokens), the live
/// stats routing reads now (the priors, with <c>samples: 0</c>, until the model has traffic) and its circuit.
/// </summary>
internal static class CatalogAdminApi
{
    public static void Map(RouteGroupBuilder admin) => admin.MapGet("/catalog", ListAsync);

    private static async Task ListAsync(HttpContext context, CatalogState catalog, LiveStats live)
    {
        if (!await AllowAsync(context, null, AdminAction.Read))
        {
            return;
        }

        var snapshot = catalog.Current;
        await JsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("version", snapshot.Version);
            w.WriteStartArray("data");
            for (var i = 0; i < snapshot.Models.Length; i++)
            {
                Model(w, snapshot.Models[i], snapshot.Stats[i], live);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void Model(Utf8JsonWriter w, ModelEntry model, ModelLiveStats stats, LiveStats live)
    {
        w.WriteStartObject();
        w.WriteString("id", model.Id);
        w.WriteString("provider", model.Provider);
        w.WriteString("family", model.Family);
        w.WriteString("tier", model.Tier);
        w.WriteStartArray("regions");
        foreach (var region in model.Regions)
        {
            w.WriteStringValue(region);
        }

        w.WriteEndArray();
        w.WriteStartArray("capabilities");
        foreach (var capability in CapabilityNames.Names(model.Capabilities))
        {
            w.WriteStringValue(capability);
        }

        w.WriteEndArray();
        w.WriteNumber("price_in", model.PriceIn);
        w.WriteNumber("price_out", model.PriceOut);
        w.NumberOrNull("price_cached_in", model.PriceCachedIn);
        w.WriteNumber("context_window", model.ContextWindow);
        w.WriteNumber("max_output", model.MaxOutput);
        w.WriteNumber("bench_intelligence", model.BenchIntelligence);
        w.WriteStartObject("live");
        w.WriteNumber("latency_p50_ms", Math.Round(stats.LatencyP50Ms, 1));
        w.WriteNumber("ttft_p50_ms", Math.Round(stats.TtftP50Ms, 1));
        w.WriteNumber("tokens_per_s", Math.Round(stats.TokensPerS, 1));
        w.WriteNumber("availability", Math.Round(stats.Availability, 5));
        w.WriteNumber("samples", live.State.GetSampleCount(model.Id));
        w.WriteEndObject();
        w.WriteString("circuit", live.State.GetCircuit(model.Id) switch
        {
            CircuitState.Open => "open",
            CircuitState.HalfOpen => "half_open",
            _ => "closed",
        });
        w.WriteEndObject();
    }
}
