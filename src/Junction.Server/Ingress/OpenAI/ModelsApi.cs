using Junction.Server.Auth;
using Junction.Server.Json;
using Junction.Server.Routing;
using Microsoft.AspNetCore.Http.Features;

namespace Junction.Server.Ingress.OpenAI;

/// <summary><c>GET /v1/models</c>: the models this caller may reach, after the host, tenant and key filters.</summary>
internal static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithMetadata(new RequiresApiKeyAttribute());
        group.MapGet("/models", static (HttpContext context, RoutePlanner planner) =>
        {
            var caller = context.Features.GetRequiredFeature<Caller>();
            var reachable = planner.ReachableModels(caller);
            var cards = new List<ModelCard>(reachable.Count);
            foreach (var model in reachable)
            {
                cards.Add(new ModelCard(model.Id, "model", 0, model.Provider, model.Tier, model.PriceIn, model.PriceOut, model.ContextWindow));
            }

            cards.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
            return TypedResults.Json(new ModelList("list", cards), JsonWriting.Context.ModelList);
        });
        return app;
    }
}
