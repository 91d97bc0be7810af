using Junction.Core.Fallback;
using Junction.Providers.Abstractions;
using Junction.Providers.Errors;

namespace Junction.Providers.Gemini;

/// <summary>
/// Classifies a Gemini error (an HTTP status with its Google error body, or an error object inside a 200 stream) into
/// an <see cref="ErrorKind"/>, with a message safe to show the caller.
/// </summary>
internal static class GeminiErrorClassifier
{
    public static ProviderError FromResponse(int status, GeminiErrorBody body, TimeSpan? retryAfter, string? secret)
    {
        var message = SafeMessage.From(body.Message, secret, $"The provider answered HTTP {status}.");
        return new ProviderError(Classify(status, body), status, message, retryAfter ?? body.RetryDelay);
    }

    /// <summary>An error object inside a 200 stream: its <c>code</c> mirrors the HTTP status it would have had, else its <c>status</c> decides.</summary>
    public static ProviderError FromStreamError(GeminiErrorBody body, string? secret)
    {
        var status = body.Code is >= 400 and <= 599 ? body.Code.Value : StatusFor(body.Status);
        var message = SafeMessage.From(body.Message, secret, "The provider reported an error mid-stream.");
        return new ProviderError(Classify(status, body), null, message, body.RetryDelay);
    }

    private static ErrorKind Classify(int status, GeminiErrorBody body)
    {
        if (IsBillingOrQuota(body) && status is 400 or 403 or 429)
        {
            return ErrorKind.QuotaExhausted;
        }

        return status switch
        {
            // Google answers a wrong or expired key with 400 INVALID_ARGUMENT, not 401.
            400 when IsInvalidKey(body) => ErrorKind.Auth,
            400 or 413 when IsContextLength(body) => ErrorKind.ContextLength,
            401 or 403 => ErrorKind.Auth,
            402 => ErrorKind.QuotaExhausted,
            408 or 504 => ErrorKind.Timeout,
            429 => ErrorKind.RateLimited,
            503 or 529 => ErrorKind.Overloaded,
            >= 500 => ErrorKind.ServerError,
            >= 400 => ErrorKind.ClientError,
            _ => ErrorKind.ServerError,
        };
    }

    /// <summary>
    /// Out of quota until tomorrow or out of money: retrying this provider cannot help, unlike a per-minute limit.
    /// Gemini's plain rate limit also says "check your plan and billing details", so that phrase alone is not enough:
    /// it takes a per-day or zero quota in the <c>QuotaFailure</c> details, or a message about credits or a billing account.
    /// </summary>
    private static bool IsBillingOrQuota(GeminiErrorBody body) =>
        body.DailyQuota
        || body.ZeroQuota
        || Is(body.Reason, "BILLING_DISABLED")
        || Contains(body.Message, "limit: 0")
        || Contains(body.Message, "prepayment credits")
        || Contains(body.Message, "credits are depleted")
        || Contains(body.Message, "billing account")
        || Contains(body.Message, "enable billing")
        || Contains(body.Message, "billing to be enabled")
        || Contains(body.Message, "spend cap")
        || Contains(body.Message, "spending cap");

    private static bool IsInvalidKey(GeminiErrorBody body) =>
        Is(body.Reason, "API_KEY_INVALID")
        || Is(body.Reason, "API_KEY_EXPIRED")
        || Contains(body.Message, "API key not valid")
        || Contains(body.Message, "API key expired")
        || Contains(body.Message, "API key not found");

    private static bool IsContextLength(GeminiErrorBody body) =>
        Contains(body.Message, "exceeds the maximum number of tokens")
        || Contains(body.Message, "input token count")
        || Contains(body.Message, "context window")
        || Contains(body.Message, "context length");

    /// <summary>The HTTP status Google maps a canonical error status to.</summary>
    private static int StatusFor(string? status) => status switch
    {
        "INVALID_ARGUMENT" or "FAILED_PRECONDITION" or "OUT_OF_RANGE" => 400,
        "UNAUTHENTICATED" => 401,
        "PERMISSION_DENIED" => 403,
        "NOT_FOUND" => 404,
        "RESOURCE_EXHAUSTED" => 429,
        "UNAVAILABLE" => 503,
        "DEADLINE_EXCEEDED" => 504,
        _ => 500,
    };

    private static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.Ordinal);

    private static bool Contains(string? text, string fragment) =>
        text is not null && text.Contains(fragment, StringComparison.OrdinalIgnoreCase);
}
