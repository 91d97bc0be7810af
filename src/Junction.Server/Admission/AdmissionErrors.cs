using System.Globalization;
using Junction.Server.Ingress.OpenAI;
using Junction.Storage.Budgets;
using Junction.Storage.RateLimits;

namespace Junction.Server.Admission;

/// <summary>The refusals of admission, each naming the scope (<c>tenant:&lt;id&gt;</c> or <c>key:&lt;id&gt;</c>) that refused.</summary>
internal static class AdmissionErrors
{
    public static ApiError RateLimited(in RateLimitDecision decision, string scope)
    {
        var seconds = (int)Math.Ceiling(Math.Max(1, decision.RetryAfter.TotalSeconds));
        return decision.Reason switch
        {
            RateLimitReason.TooLarge => new ApiError(429, "rate_limit_error", "rate_limit_exceeded",
                $"The request's estimated tokens exceed the tokens-per-minute limit of {scope}; it can never be admitted. Lower max_tokens or the prompt."),
            RateLimitReason.Tokens => new ApiError(429, "rate_limit_error", "rate_limit_exceeded",
                $"Tokens-per-minute limit of {scope} reached; retry in {seconds}s.") { RetryAfterSeconds = seconds },
            _ => new ApiError(429, "rate_limit_error", "rate_limit_exceeded",
                $"Requests-per-minute limit of {scope} reached; retry in {seconds}s.") { RetryAfterSeconds = seconds },
        };
    }

    public static ApiError BudgetExceeded(BudgetDenial denial, string scope)
    {
        var window = denial.Window == BudgetWindow.Day ? "daily" : "monthly";
        var message = string.Create(CultureInfo.InvariantCulture,
            $"The {window} budget of {scope} is {denial.LimitUsd:0.######} USD: {denial.SpentUsd:0.######} spent and {denial.HeldUsd:0.######} held, and this request may cost up to {denial.RequestedUsd:0.######}. It resets at {denial.ResetsAt:u}.");
        return new ApiError(402, "insufficient_quota", "budget_exceeded", message);
    }

    public static ApiError StoreFailed() =>
        new(503, "api_error", "admission_unavailable", "Budgets and rate limits cannot be checked right now; the request was refused.");
}
