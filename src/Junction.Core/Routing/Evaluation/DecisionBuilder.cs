using System.Globalization;
using Junction.Core.Catalog;

namespace Junction.Core.Routing.Evaluation;

/// <summary>Turns a decision held in a <see cref="RouteScratch"/> into the immutable <see cref="RouteDecision"/>.</summary>
internal static class DecisionBuilder
{
    /// <summary>The layer name of the built-in host floor (fits, open circuit).</summary>
    public const string HostFloorSource = "host";

    public const string FitsRule = "[\"fits\"]";
    public const string CircuitRule = "[\"ne\",\"circuit\",\"open\"]";

    private static readonly string OpenCircuitActual = ModelFields.JsonString("open");

    public static RouteDecision Build(CompiledPolicy policy, in RouteRequest request, RouteScratch scratch, RouteResult result, double routeMicros)
    {
        var catalog = scratch.Catalog;
        var ranked = new RankedCandidate[result.CascadeCount];
        for (var k = 0; k < ranked.Length; k++)
        {
            var i = scratch.Order[k];
            ranked[k] = new RankedCandidate(catalog.Models[i], scratch.Scores[i], scratch.EstCost[i], scratch.EstLatencyMs[i]);
        }

        var rejected = new Rejection[scratch.RejectionCount];
        for (var r = 0; r < rejected.Length; r++)
        {
            rejected[r] = Rejection(policy, request, scratch, r);
        }

        return new RouteDecision
        {
            Outcome = result.Outcome,
            Ranked = ranked,
            Rejected = rejected,
            Chosen = ranked.Length > 0 ? ranked[0] : null,
            Arm = result.ArmModel >= 0 ? catalog.Models[result.ArmModel].Id : null,
            Denial = result.DenialRejection >= 0 ? rejected[result.DenialRejection] : null,
            Request = request,
            CatalogVersion = catalog.Version,
            CatalogModelCount = catalog.Models.Length,
            RouteMicros = routeMicros,
        };
    }

    private static Rejection Rejection(CompiledPolicy policy, in RouteRequest request, RouteScratch scratch, int r)
    {
        var i = scratch.RejectionModel[r];
        var layer = scratch.RejectionLayer[r];
        var clause = scratch.RejectionClause[r];
        var model = scratch.Catalog.Models[i];
        var stats = scratch.Catalog.Stats[i];
        var estCost = scratch.EstCost[i];
        var estLatency = scratch.EstLatencyMs[i];

        var source = layer == RouteScratch.HostFloorLayer ? HostFloorSource : policy.Layers[layer].Source;
        var (rule, actual) = clause switch
        {
            RouteScratch.FitsClause => (FitsRule, ModelFields.JsonString(WhyNotFits(model, request))),
            RouteScratch.CircuitClause => (CircuitRule, OpenCircuitActual),
            RouteScratch.MaxCostClause => (policy.MaxCostRule, ModelFields.Json(Policy.FieldId.EstCost, model, stats, estCost, estLatency)),
            _ => (policy.Filter.Rule(clause),
                  policy.Filter.ActualField(clause) is { } field ? ModelFields.Json(field, model, stats, estCost, estLatency) : null),
        };
        return new Rejection(model.Id, model.Provider, source, rule, actual);
    }

    /// <summary>The first part of <c>fits</c> the model fails, in the words of the trace.</summary>
    public static string WhyNotFits(ModelEntry model, in RouteRequest request)
    {
        var required = (long)request.EstPromptTokens + (request.MaxTokens ?? 0);
        if (model.ContextWindow < required)
        {
            return string.Create(CultureInfo.InvariantCulture, $"context_window {model.ContextWindow} < {required}");
        }

        if (request.MaxTokens is { } maxTokens && maxTokens > model.MaxOutput)
        {
            return string.Create(CultureInfo.InvariantCulture, $"max_output {model.MaxOutput} < {maxTokens}");
        }

        var missing = request.Needs & ~model.Capabilities;
        return "missing: " + string.Join(", ", CapabilityNames.Names(missing));
    }
}
