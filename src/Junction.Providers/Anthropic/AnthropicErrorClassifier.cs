using Junction.Core.Fallback;
using Junction.Providers.Abstractions;
using Junction.Providers.Errors;

namespace Junction.Providers.Anthropic;

/// <summary>
/// Classifies an Anthropic error (an HTTP status with its body, or an <c>event: error</c> inside a 200 stream) into an
/// <see cref="ErrorKind"/>, with a message safe to show the caller. The error <c>type</c> decides where it is known; the
/// status decides otherwise, so proxies and gateways that answer with other bodies still classify.
/// </summary>
internal static class AnthropicErrorClassifier
{
    public static ProviderError FromResponse(int status, AnthropicErrorBody body, TimeSpan? retryAfter, string? secret)
    {
        var message = SafeMessage.From(body.Message, secret, $"The provider answered HTTP {status}.");
        return new ProviderError(Classify(status, body), status, message, retryAfter);
    }

    public static ProviderError FromStreamError(AnthropicErrorBody body, string? secret)
    {
        var message = SafeMessage.From(body.Message, secret, "The provider reported an error mid-stream.");
        return new ProviderError(Classify(null, body), null, message);
    }

    private static ErrorKind Classify(int? status, AnthropicErrorBody body)
    {
        // A rejected key or a forbidden model is never a quota question, whatever the message says.
        if (status is 401 or 403 || Is(body.Type, "authentication_error") || Is(body.Type, "permission_error"))
        {
            return ErrorKind.Auth;
        }

        // Checked before the type: a spend limit arrives as rate_limit_error (429) or invalid_request_error (400).
        if (status == 402 || IsQuota(body))
        {
            return ErrorKind.QuotaExhausted;
        }

        switch (body.Type)
        {
            case "rate_limit_error":
                return ErrorKind.RateLimited;
            case "overloaded_error":
                return ErrorKind.Overloaded;
            case "api_error":
                return status is 503 or 529 ? ErrorKind.Overloaded : ErrorKind.ServerError;
            case "timeout_error":
                return ErrorKind.Timeout;

            // The body is over the API's byte limit (32 MB): another provider or model may take it, retrying here cannot.
            case "request_too_large":
                return ErrorKind.ContextLength;
            case "invalid_request_error":
                return IsContextLength(body) ? ErrorKind.ContextLength : ErrorKind.ClientError;
            case "not_found_error":
                return ErrorKind.ClientError;
        }

        return status switch
        {
            null => ErrorKind.ServerError,
            408 => ErrorKind.Timeout,
            413 => ErrorKind.ContextLength,
            429 => ErrorKind.RateLimited,
            503 or 529 => ErrorKind.Overloaded,
            >= 500 => ErrorKind.ServerError,
            >= 400 => IsContextLength(body) ? ErrorKind.ContextLength : ErrorKind.ClientError,
            _ => ErrorKind.ServerError,
        };
    }

    /// <summary>Out of credit or over a spend limit: retrying on this provider cannot help, unlike a rate limit.</summary>
    private static bool IsQuota(AnthropicErrorBody body) =>
        Is(body.Type, "billing_error")
        || Is(body.ErrorCode, "enforced_spend_limit_reached")
        || Contains(body.Message, "credit balance")
        || Contains(body.Message, "API usage limits")
        || Contains(body.Message, "spend limit")
        || Contains(body.Message, "billing");

    private static bool IsContextLength(AnthropicErrorBody body) =>
        Contains(body.Message, "prompt is too long")
        || Contains(body.Message, "exceed context limit")
        || Contains(body.Message, "context window");

    private static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.Ordinal);

    private static bool Contains(string? text, string fragment) =>
        text is not null && text.Contains(fragment, StringComparison.OrdinalIgnoreCase);
}
