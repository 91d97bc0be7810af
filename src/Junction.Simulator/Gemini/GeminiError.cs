using System.Globalization;

namespace Junction.Simulator.Gemini;

/// <summary>What the <c>details</c> of a Google error carry, beyond code, message and status.</summary>
internal enum GeminiErrorDetail
{
    None,

    /// <summary>A per-minute <c>QuotaFailure</c>, a <c>Help</c> link and a <c>RetryInfo</c>.</summary>
    RateLimit,

    /// <summary>A per-day <c>QuotaFailure</c> (the kind a retry cannot fix) and a <c>Help</c> link.</summary>
    DailyQuota,

    /// <summary>An <c>ErrorInfo</c> whose <c>reason</c> is <see cref="GeminiError.Reason"/>.</summary>
    ErrorInfo,
}

/// <summary>An error as Google reports it: HTTP status, the canonical status name, a message and optional details.</summary>
internal sealed record GeminiError(int Code, string Status, string Message, GeminiErrorDetail Detail = GeminiErrorDetail.None)
{
    /// <summary>The <c>ErrorInfo</c> reason (<c>API_KEY_INVALID</c>, ...), for <see cref="GeminiErrorDetail.ErrorInfo"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>The <c>RetryInfo.retryDelay</c> in seconds; none when null.</summary>
    public double? RetryDelaySeconds { get; init; }

    /// <summary>The model a quota violation names.</summary>
    public string? Model { get; init; }

    public const string InvalidArgument = "INVALID_ARGUMENT";

    public static readonly GeminiError InvalidJson = new(400, InvalidArgument, "Invalid JSON payload received. Unexpected token.");

    public static readonly GeminiError MissingApiKey = new(403, "PERMISSION_DENIED",
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");

    public static readonly GeminiError InvalidApiKey = new(400, InvalidArgument, "API key not valid. Please pass a valid API key.", GeminiErrorDetail.ErrorInfo)
    {
        Reason = "API_KEY_INVALID",
    };

    /// <summary>Google accepts <c>?key=</c>; the simulator refuses it, so a test fails when a client puts its key in a URL.</summary>
    public static readonly GeminiError KeyInUrl = new(400, InvalidArgument,
        "The Junction simulator refuses API keys in the URL (?key=): send the x-goog-api-key header instead.");

    public static GeminiError Invalid(string message) => new(400, InvalidArgument, message);

    public static GeminiError UnknownField(string name) =>
        Invalid($"Invalid JSON payload received. Unknown name \"{name}\": Cannot find field.");

    public static GeminiError NotFound(string method, string path) => new(404, "NOT_FOUND", $"Method not found: {method} {path}");

    /// <summary>
    /// The error an injected status fault answers with, in Google's wording for that status. <paramref name="code"/>
    /// <c>insufficient_quota</c> gives a per-day quota failure, <c>context_length_exceeded</c> the token-limit
    /// message, anything else an <c>ErrorInfo</c> reason; <paramref name="type"/> replaces the status name.
    /// </summary>
    public static GeminiError ForFault(int status, string? code, string? type, string? message, double? retryAfterSeconds, string model, int promptTokens)
    {
        var statusName = type ?? StatusName(status);
        return (status, code) switch
        {
            (429, "insufficient_quota") => new GeminiError(status, statusName, message ?? QuotaMessage, GeminiErrorDetail.DailyQuota)
            {
                RetryDelaySeconds = retryAfterSeconds,
                Model = model,
            },
            (429, null) => new GeminiError(status, statusName, message ?? QuotaMessage, GeminiErrorDetail.RateLimit)
            {
                RetryDelaySeconds = retryAfterSeconds ?? 1,
                Model = model,
            },
            (_, "context_length_exceeded") => new GeminiError(status, statusName, message ?? TokenLimitMessage(promptTokens)),
            (_, { } reason) => new GeminiError(status, statusName, message ?? DefaultMessage(status, model, reason), GeminiErrorDetail.ErrorInfo)
            {
                Reason = reason,
                RetryDelaySeconds = retryAfterSeconds,
            },
            _ => new GeminiError(status, statusName, message ?? DefaultMessage(status, model, null))
            {
                RetryDelaySeconds = retryAfterSeconds,
            },
        };
    }

    private const string QuotaMessage =
        "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.";

    private const int ContextWindow = 1_048_576;

    private static string TokenLimitMessage(int promptTokens) => string.Create(CultureInfo.InvariantCulture,
        $"The input token count ({Math.Max(promptTokens, ContextWindow + 1)}) exceeds the maximum number of tokens allowed ({ContextWindow}).");

    private static string DefaultMessage(int status, string model, string? reason) => (status, reason) switch
    {
        (_, "API_KEY_INVALID") => InvalidApiKey.Message,
        (400, _) => "Request contains an invalid argument.",
        (401, _) => "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
        (403, _) => "The caller does not have permission",
        (404, _) => $"models/{model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.",
        (503, _) => "The model is overloaded. Please try again later.",
        (504, _) => "Deadline expired before operation could complete.",
        (>= 500, _) => "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
        _ => "Simulated error.",
    };

    /// <summary>The canonical status Google pairs with an HTTP status.</summary>
    public static string StatusName(int status) => status switch
    {
        400 => InvalidArgument,
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ABORTED",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        501 => "UNIMPLEMENTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        >= 500 => "INTERNAL",
        _ => "FAILED_PRECONDITION",
    };
}
