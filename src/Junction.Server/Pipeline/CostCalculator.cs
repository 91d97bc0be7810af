using Junction.Core.Catalog;
using Junction.Providers.Abstractions;

namespace Junction.Server.Pipeline;

/// <summary>What a call actually cost, from the usage the provider reported and the catalog's prices.</summary>
internal static class CostCalculator
{
    /// <summary>Anthropic bills prompt-cache writes (5-minute cache) at 1.25x the base input price.</summary>
    public const double CacheWriteMultiplier = 1.25;

    /// <summary>
    /// USD: prompt tokens read from the cache at <c>price_cached_in</c> (else <c>price_in</c>), prompt tokens written to
    /// the cache at 1.25 x <c>price_in</c>, the rest of the prompt at <c>price_in</c>, output at <c>price_out</c>.
    /// </summary>
    public static double Actual(ModelEntry model, Usage usage)
    {
        var cached = Math.Clamp(usage.CachedPromptTokens, 0, usage.PromptTokens);
        var written = Math.Clamp(usage.CacheWriteTokens, 0, usage.PromptTokens - cached);
        var plain = usage.PromptTokens - cached - written;
        var input = (plain * model.PriceIn) + (cached * (model.PriceCachedIn ?? model.PriceIn)) + (written * model.PriceIn * CacheWriteMultiplier);
        return (input + (usage.CompletionTokens * model.PriceOut)) / 1_000_000d;
    }
}
