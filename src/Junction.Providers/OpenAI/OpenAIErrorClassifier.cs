using Junction.Core.Fallback;
using Junction.Providers.Abstractions;
using Junction.Providers.Errors;

namespace Junction.Providers.OpenAI;

/// <summary>
/// Classifies an OpenAI-compatible error (an HTTP status with its error body, or an error object inside a 200 stream)
/// into an <see cref="ErrorKind"/>, with a message safe to show the caller.
/// </summary>
internal static class OpenAIErrorClassifier
{
    public static ProviderError FromResponse(int status, OpenAIErrorBody body, TimeSpan? retryAfter, string? secret)
    {
        var kind = status switch
        {
            401 or 403 => ErrorKind.Auth,
            402 => ErrorKind.QuotaExhausted,
            408 => ErrorKind.Timeout,
            429 => IsQuota(body) ? ErrorKind.QuotaExhausted : ErrorKind.RateLimited,

            // 498 is Groq's "flex tier at capacity"; 529 is the overloaded status some providers borrow from Anthropic.
            503 or 529 or 498 => ErrorKind.Overloaded,
            >= 500 => ErrorKind.ServerError,
            >= 400 => IsContextLength(body) ? ErrorKind.ContextLength : ErrorKind.ClientError,
            _ => ErrorKind.ServerError,
        };

        var message = SafeMessage.From(body.Message, secret, $"The provider answered HTTP {status}.");
        return new ProviderError(kind, status, message, retryAfter);
    }

    /// <summary>An <c>{"error": ...}</c> object inside a 200 stream: no status, so type and code decide.</summary>
    public static ProviderError FromStreamError(OpenAIErrorBody body, string? secret)
    {
        var kind = ErrorKind.ServerError;
        if (IsQuota(body))
        {
            kind = ErrorKind.QuotaExhausted;
        }
        else if (IsContextLength(body))
        {
            kind = ErrorKind.ContextLength;
        }
        else if (Is(body.Code, "rate_limit_exceeded") || Is(body.Type, "rate_limit_error") || Is(body.Type, "tokens") || Is(body.Type, "requests"))
        {
            kind = ErrorKind.RateLimited;
        }
        else if (Is(body.Type, "overloaded_error") || Contains(body.Message, "overloaded"))
        {
            kind = ErrorKind.Overloaded;
        }
        else if (Is(body.Code, "invalid_api_key") || Is(body.Type, "authentication_error"))
        {
            kind = ErrorKind.Auth;
        }
        else if (Is(body.Type, "invalid_request_error"))
        {
            kind = ErrorKind.ClientError;
        }

        var message = SafeMessage.From(body.Message, secret, "The provider reported an error mid-stream.");
        return new ProviderError(kind, null, message);
    }

    /// <summary>Out of credit or over a spend limit: retrying on this provider cannot help, unlike a rate limit.</summary>
    private static bool IsQuota(OpenAIErrorBody body) =>
        Is(body.Code, "insufficient_quota")
        || Is(body.Type, "insufficient_quota")
        || Is(body.Code, "billing_hard_limit_reached")
        || Is(body.Code, "billing_not_active")
        || Is(body.Code, "insufficient_balance")
        || Contains(body.Message, "current quota")
        || Contains(body.Message, "billing")
        || Contains(body.Message, "spend limit")
        || Contains(body.Message, "spending limit")
        || Contains(body.Message, "insufficient balance")
        || Contains(body.Message, "credit balance");

    private static bool IsContextLength(OpenAIErrorBody body) =>
        Is(body.Code, "context_length_exceeded")
        || Contains(body.Message, "maximum context length")
        || Contains(body.Message, "context length exceeded")
        || Contains(body.Message, "context window")
        || Contains(body.Message, "reduce the length of the messages");

    private static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

    private static bool Contains(string? text, string fragment) =>
        text is not null && text.Contains(fragment, StringComparison.OrdinalIgnoreCase);
}
