using Junction.Server.Routing;

namespace Junction.Server.Admission;

/// <summary>
/// What a request could cost at most: over the models the fallback cascade may try (the first <c>max_attempts</c> of
/// the ranked list), the largest of estimated prompt cost plus <c>(max_tokens ?? max_output) × price_out</c>.
/// This is what the budget holds before any provider call.
/// </summary>
internal static class WorstCaseCost
{
    public static decimal Of(RoutePlan plan)
    {
        var ranked = plan.Decision.Ranked;
        var attempts = Math.Min(ranked.Count, Math.Max(1, plan.Policy.MaxAttempts));
        var request = plan.Decision.Request;
        var worst = 0d;
        for (var i = 0; i < attempts; i++)
        {
            var model = ranked[i].Model;
            var output = request.MaxTokens ?? model.MaxOutput;
            var cost = ((request.EstPromptTokens * model.PriceIn) + (output * model.PriceOut)) / 1_000_000d;
            worst = Math.Max(worst, cost);
        }

        // Rounded up to the nano-dollar the ledger counts in, so the hold is never below the worst case.
        return Math.Ceiling((decimal)worst * 1_000_000_000m) / 1_000_000_000m;
    }

    /// <summary>Tokens the rate limiter takes up front: the prompt estimate plus the output the caller allows, if it said.</summary>
    public static long EstimatedTokens(RoutePlan plan) => plan.Decision.Request.EstPromptTokens + (plan.Decision.Request.MaxTokens ?? 0);
}
