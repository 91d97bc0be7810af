using Junction.Core.Catalog;
using Junction.Server.Auth;
using Junction.Server.Json;
using Junction.Server.Upstreams;
using Microsoft.Extensions.Options;

namespace Junction.Server.Health;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (catalog loaded, upstreams published, simulator up if enabled, store open).</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", static () => TypedResults.Text("ok"));
        app.MapGet("/readyz", static (CatalogState catalog, UpstreamDirectory upstreams, LocalModeState localMode, IOptions<EmbeddedSimulatorOptions> simulator, Junction.Storage.EmbeddedStore store) =>
        {
            var snapshot = catalog.Current;
            var simulatorState = !simulator.Value.Enabled ? "disabled" : upstreams.SimulatorBaseUrl is null ? "down" : "up";
            var ready = upstreams.IsReady && snapshot.Models.Length > 0 && simulatorState != "down";
            var body = new Readiness(ready ? "ready" : "starting", snapshot.Version, snapshot.Models.Length, simulatorState, localMode.IsActive ? "local" : "tenants", store.SchemaVersion > 0 ? "open" : "closed");
            return TypedResults.Json(body, JsonWriting.Context.Readiness, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
