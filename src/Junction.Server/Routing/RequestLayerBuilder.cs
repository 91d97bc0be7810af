using System.Collections.Immutable;
using Junction.Core.Policy;
using Junction.Core.Policy.Ast;
using Junction.Core.Routing;

namespace Junction.Server.Routing;

/// <summary>
/// Builds the request layer (POLICY.md §2): the caller's policy, narrowed by the strategy, <c>max_cost</c> and a
/// forced model, which becomes <c>["pin", id]</c> plus <c>["eq","model",id]</c> AND-ed with the caller's filter, so
/// a force can never escape a tenant's rules.
/// </summary>
internal static class RequestLayerBuilder
{
    public const string Source = "request";

    /// <summary>The request layer, or null when the request adds nothing to the stored layers.</summary>
    public static PolicyLayer? Build(PolicyDocument? policy, Scorer? rank, double? maxCost, string? forcedModel)
    {
        if (policy is null && rank is null && maxCost is null && forcedModel is null)
        {
            return null;
        }

        var document = policy ?? PolicyDocument.Empty;
        var filter = document.Filter;
        var select = document.Select;
        if (forcedModel is not null)
        {
            Predicate pin = new EqPredicate("model", PolicyValue.Of(forcedModel), Negated: false);
            filter = filter is null ? pin : new AndPredicate([filter, pin]);
            select = new PinSelection(forcedModel);
        }

        var effectiveMaxCost = (document.MaxCost, maxCost) switch
        {
            ({ } a, { } b) => Math.Min(a, b),
            (var a, var b) => a ?? b,
        };

        return new PolicyLayer(LayerKind.Request, Source, document with
        {
            Filter = filter,
            Rank = rank ?? document.Rank,
            Select = select,
            MaxCost = effectiveMaxCost,
        });
    }

    /// <summary>The stored layers followed by the request layer, if any.</summary>
    public static IReadOnlyList<PolicyLayer> Append(IReadOnlyList<PolicyLayer> stored, PolicyLayer? request)
    {
        if (request is null)
        {
            return stored;
        }

        var layers = ImmutableArray.CreateBuilder<PolicyLayer>(stored.Count + 1);
        for (var i = 0; i < stored.Count; i++)
        {
            layers.Add(stored[i]);
        }

        layers.Add(request);
        return layers.MoveToImmutable();
    }
}
