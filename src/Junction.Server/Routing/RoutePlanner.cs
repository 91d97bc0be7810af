using Junction.Core.Catalog;
using Junction.Core.Policy;
using Junction.Core.Policy.Ast;
using Junction.Core.Requests;
using Junction.Core.Routing;
using Junction.Core.Tokens;
using Junction.Server.Auth;
using Junction.Server.Ingress;
using Junction.Server.Ingress.OpenAI;

namespace Junction.Server.Routing;

/// <summary>A routed request: the effective policy, the catalog it was decided on, and the decision.</summary>
internal sealed record RoutePlan(CompiledPolicy Policy, CatalogSnapshot Catalog, RouteDecision Decision);

/// <summary>
/// Turns a caller, a canonical request and its knobs into a routing decision: resolves the model field, assembles
/// the layers (host floor, tenant, key, request), compiles them (cached), estimates prompt tokens and routes.
/// Pure and in memory; the same path serves <c>/v1/chat/completions</c> and the <c>/x/rank</c> dry run.
/// </summary>
internal sealed class RoutePlanner(PolicyCompiler compiler, Router router, ITokenEstimator estimator, CatalogState catalogs)
{
    /// <summary>Plans the request; an invalid model, strategy or force comes back as an error instead.</summary>
    public ApiError? Plan(Caller caller, ChatRequest request, RoutingKnobs knobs, ModelCapabilities extraNeeds, out RoutePlan? plan)
    {
        plan = null;
        var catalog = catalogs.Current;
        var model = ModelResolver.Resolve(request.Model, catalog);
        if (model.Kind == ModelRequestKind.Unknown)
        {
            return ApiErrors.ModelNotFound(request.Model!, model.Suggestion);
        }

        var forced = model.Model;
        if (knobs.ForceModel is { } force)
        {
            if (!ModelResolver.TryFindModel(force, catalog, out var forcedModel))
            {
                return ApiErrors.ModelNotFound(force, ModelResolver.Suggest(force, catalog)) with { Param = knobs.ForceModelParam };
            }

            forced = forcedModel;
        }

        var rank = model.Rank;
        var strategyKey = model.Kind == ModelRequestKind.Strategy ? request.Model! : string.Empty;
        if (knobs.Strategy is { } strategy)
        {
            if (!Strategies.TryGet(strategy, out var scorer))
            {
                return ApiErrors.BadField(
                    knobs.StrategyParam,
                    $"Unknown strategy '{strategy}'; use one of balanced, lowest-cost, fastest, best-quality, max-reliability.");
            }

            rank = scorer;
            strategyKey = strategy;
        }

        var policy = Compile(caller, knobs, rank, strategyKey, forced?.Id);
        var routeRequest = new RouteRequest(
            estimator.EstimatePromptTokens(request),
            request.MaxTokens,
            request.Needs() | extraNeeds,
            request.User);
        var decision = router.Route(policy, catalog, routeRequest);
        plan = new RoutePlan(policy, catalog, decision);
        return null;
    }

    /// <summary>
    /// The models the caller's stored layers admit for a minimal request (no tokens, no capabilities): what
    /// <c>GET /v1/models</c> lists.
    /// </summary>
    public IReadOnlyList<ModelEntry> ReachableModels(Caller caller)
    {
        var decision = router.Route(CompileStored(caller), catalogs.Current, new RouteRequest(0, null, ModelCapabilities.None));
        var models = new List<ModelEntry>(decision.Ranked.Count);
        foreach (var candidate in decision.Ranked)
        {
            models.Add(candidate.Model);
        }

        return models;
    }

    /// <summary>The effective policy of the caller's stored layers alone.</summary>
    public CompiledPolicy CompileStored(Caller caller) =>
        caller.SimpleRequestPolicies.GetOrAdd((string.Empty, string.Empty), static (_, c) => c.Compiler.Compile(c.Caller.StoredLayers), (Compiler: compiler, Caller: caller));

    private CompiledPolicy Compile(Caller caller, RoutingKnobs knobs, Scorer? rank, string strategyKey, string? forcedId)
    {
        if (knobs.Policy is null && knobs.MaxCost is null)
        {
            // Most requests add only a strategy or a force: their compiled policy is reused per key without
            // fingerprinting a request layer each time.
            return caller.SimpleRequestPolicies.GetOrAdd(
                (strategyKey, forcedId ?? string.Empty),
                static (_, s) => s.Compiler.Compile(RequestLayerBuilder.Append(
                    s.Caller.StoredLayers, RequestLayerBuilder.Build(null, s.Rank, null, s.ForcedId))),
                (Compiler: compiler, Caller: caller, Rank: rank, ForcedId: forcedId));
        }

        var layer = RequestLayerBuilder.Build(knobs.Policy, rank, knobs.MaxCost, forcedId);
        return compiler.Compile(RequestLayerBuilder.Append(caller.StoredLayers, layer));
    }
}
