using System.Globalization;
using Junction.Core.Catalog;
using Junction.Core.Policy;

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

        var shared = SharedStaticRejections(policy, request, scratch);
        var rejected = shared ?? Rejections(policy, request, scratch);

        return new RouteDecision
        {
            Outcome = result.Outcome,
            Ranked = ranked,
            Rejected = rejected,
            RejectedShared = shared is { Length: > 0 },
            Chosen = ranked.Length > 0 ? ranked[0] : null,
            Arm = result.ArmModel >= 0 ? catalog.Models[result.ArmModel].Id : null,
            Denial = result.DenialRejection >= 0 ? rejected[result.DenialRejection] : null,
            Request = request,
            CatalogVersion = catalog.Version,
            CatalogModelCount = catalog.Models.Length,
            RouteMicros = routeMicros,
        };
    }

    private static Rejection[] Rejections(CompiledPolicy policy, in RouteRequest request, RouteScratch scratch)
    {
        var rejected = new Rejection[scratch.RejectionCount];
        var staticJson = rejected.Length > 0 ? StaticFieldJson.TableFor(scratch.Catalog) : [];
        for (var r = 0; r < rejected.Length; r++)
        {
            rejected[r] = Rejection(policy, request, scratch, staticJson, r);
        }

        return rejected;
    }

    /// <summary>
    /// The binding's shared list when this decision rejected exactly the statically rejected models, each for its
    /// static reason and in catalog order; otherwise null. Integer comparisons only: no record is made here.
    /// </summary>
    private static Rejection[]? SharedStaticRejections(CompiledPolicy policy, in RouteRequest request, RouteScratch scratch)
    {
        var binding = scratch.Binding;
        var count = scratch.RejectionCount;
        var n = scratch.Catalog.Models.Length;
        var r = 0;
        for (var i = 0; i < n; i++)
        {
            if (binding.StaticRejectionLayer[i] < 0)
            {
                continue;
            }

            if (r == count || scratch.RejectionModel[r] != i || !IsStatic(binding, r, scratch))
            {
                return null;
            }

            r++;
        }

        if (r != count)
        {
            return null;
        }

        if (binding.StaticRejectionList is { } shared)
        {
            return shared;
        }

        var list = Rejections(policy, request, scratch);
        binding.StaticRejectionList = list;
        return list;
    }

    private static bool IsStatic(CatalogBinding binding, int r, RouteScratch scratch)
    {
        var i = scratch.RejectionModel[r];
        return scratch.RejectionLayer[r] == binding.StaticRejectionLayer[i] && scratch.RejectionClause[r] == binding.StaticRejectionClause[i];
    }

    private static Rejection Rejection(CompiledPolicy policy, in RouteRequest request, RouteScratch scratch, string?[] staticJson, int r)
    {
        var i = scratch.RejectionModel[r];
        var layer = scratch.RejectionLayer[r];
        var clause = scratch.RejectionClause[r];
        var binding = scratch.Binding;
        var isStatic = layer >= 0 && IsStatic(binding, r, scratch);
        if (isStatic && Volatile.Read(ref binding.StaticRejections[i]) is { } shared)
        {
            return shared;
        }

        var model = scratch.Catalog.Models[i];
        var stats = scratch.Catalog.Stats[i];
        var estCost = scratch.EstCost[i];
        var estLatency = scratch.EstLatencyMs[i];

        var source = layer == RouteScratch.HostFloorLayer ? HostFloorSource : policy.Layers[layer].Source;
        var (rule, actual) = clause switch
        {
            RouteScratch.FitsClause => (FitsRule, ModelFields.JsonString(WhyNotFits(model, request))),
            RouteScratch.CircuitClause => (CircuitRule, OpenCircuitActual),
            RouteScratch.MaxCostClause => (policy.MaxCostRule, ModelFields.Json(FieldId.EstCost, model, stats, estCost, estLatency)),
            _ => (policy.Filter.Rule(clause), Actual(policy.Filter.ActualField(clause), scratch.Catalog, i, staticJson, estCost, estLatency)),
        };
        var rejection = new Rejection(model.Id, model.Provider, source, rule, actual);
        if (isStatic)
        {
            // Equal records if two threads race here; either may win.
            Volatile.Write(ref binding.StaticRejections[i], rejection);
        }

        return rejection;
    }

    private static string? Actual(FieldId? field, CatalogSnapshot catalog, int model, string?[] staticJson, double estCost, double estLatency) => field switch
    {
        null => null,
        { } f when PolicyFields.Get(f).Source == FieldSource.Static => StaticFieldJson.Get(staticJson, catalog, f, model),
        { } f => ModelFields.Json(f, catalog.Models[model], catalog.Stats[model], estCost, estLatency),
    };

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
