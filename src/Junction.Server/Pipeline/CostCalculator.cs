using Junction.Core.Catalog;
using Junction.Providers.Abstractions;

namespace Junction.Server.Pipeline;

/// <summary>What a call actually cost, from the usage the provider reported and the catalog's prices.</summary>
internal static class CostCalculator
{
    /// <summary>USD: uncached prompt at <c>price_in</c>, cached prompt at <c>price_cached_in</c> (else <c>price_in</c>), output at <c>price_out</c>.</summary>
    public static double Actual(ModelEntry model, Usage usage)
    {
        var cached = Math.Clamp(usage.CachedPromptTokens, 0, usage.PromptTokens);
        var uncached = usage.PromptTokens - cached;
        return ((uncached * model.PriceIn) + (cached * (model.PriceCachedIn ?? model.PriceIn)) + (usage.CompletionTokens * model.PriceOut)) / 1_000_000d;
    }
}
