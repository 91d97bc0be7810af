using Junction.Core.Catalog;
using Junction.Core.Policy;
using Junction.Core.Policy.Ast;

namespace Junction.Server.Routing;

/// <summary>What a <c>model</c> value asks for.</summary>
internal enum ModelRequestKind
{
    /// <summary><c>auto</c> (or nothing): the policy's rank, else the default strategy.</summary>
    Auto,

    /// <summary>A strategy name: rank by its scorer.</summary>
    Strategy,

    /// <summary>A concrete catalog model: force it.</summary>
    Force,

    /// <summary>Neither a strategy nor a catalog model.</summary>
    Unknown,
}

/// <summary>The resolution of a <c>model</c> value: a scorer, a forced model, or the closest known name.</summary>
internal readonly record struct ModelRequest(ModelRequestKind Kind, Scorer? Rank = null, ModelEntry? Model = null, string? Suggestion = null);

/// <summary>
/// Resolves the OpenAI <c>model</c> field: <c>auto</c>, a strategy (<c>lowest-cost</c>, <c>balanced</c>, ...), a
/// catalog id (<c>gpt-4.1-mini</c>) or <c>provider/model</c> (<c>anthropic/claude-sonnet-4-5</c>).
/// </summary>
internal static class ModelResolver
{
    public static ModelRequest Resolve(string? value, CatalogSnapshot catalog)
    {
        if (string.IsNullOrEmpty(value) || value == "auto")
        {
            return new ModelRequest(ModelRequestKind.Auto);
        }

        if (Strategies.TryGet(value, out var scorer))
        {
            return new ModelRequest(ModelRequestKind.Strategy, Rank: scorer);
        }

        if (TryFindModel(value, catalog, out var model))
        {
            return new ModelRequest(ModelRequestKind.Force, Model: model);
        }

        return new ModelRequest(ModelRequestKind.Unknown, Suggestion: Suggest(value, catalog));
    }

    /// <summary>Finds a model by catalog id, or by <c>provider/id</c> when the provider matches.</summary>
    public static bool TryFindModel(string value, CatalogSnapshot catalog, out ModelEntry model)
    {
        if (catalog.TryGetIndex(value, out var index))
        {
            model = catalog.Models[index];
            return true;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && catalog.TryGetIndex(value[(slash + 1)..], out index) &&
            value.AsSpan(0, slash).SequenceEqual(catalog.Models[index].Provider))
        {
            model = catalog.Models[index];
            return true;
        }

        model = null!;
        return false;
    }

    /// <summary>The closest catalog id or strategy name, if one is close enough to be a typo (cold path).</summary>
    public static string? Suggest(string value, CatalogSnapshot catalog)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var name = slash >= 0 ? value[(slash + 1)..] : value;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var model in catalog.Models)
        {
            Consider(model.Id);
        }

        foreach (var strategy in Strategies.Names)
        {
            Consider(strategy.Replace('_', '-'));
        }

        Consider("auto");
        return bestDistance <= Math.Max(2, name.Length / 4) ? best : null;

        void Consider(string candidate)
        {
            var distance = Distance(name, candidate);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
