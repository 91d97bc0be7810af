using Junction.Core.Fallback;
using Junction.Core.Policy;
using Junction.Core.Routing;
using Junction.Providers.Abstractions;

namespace Junction.Server.Ingress.OpenAI;

/// <summary>
/// An error on its way to the caller, in OpenAI's vocabulary: HTTP status, <c>type</c>, <c>code</c>,
/// <c>message</c> and <c>param</c>, plus what Junction adds (policy errors, the trace, a retry hint).
/// Expected failures become one of these only at the edge.
/// </summary>
internal sealed record ApiError(int Status, string Type, string? Code, string Message, string? Param = null)
{
    /// <summary>Every validation error of an invalid policy, for the <c>errors</c> array.</summary>
    public IReadOnlyList<PolicyError>? PolicyErrors { get; init; }

    /// <summary>The routing trace as serialized JSON, for <c>no_route</c>, <c>policy_denied</c> and upstream failures.</summary>
    public ReadOnlyMemory<byte> TraceJson { get; init; }

    /// <summary>Seconds the caller should wait (sent as <c>retry-after</c>).</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>The upstream failure's kind, when an upstream caused this error (dialects with finer error types use it).</summary>
    public ErrorKind? UpstreamKind { get; init; }
}

/// <summary>The errors the gateway answers with, one factory per case, so shapes and codes stay consistent.</summary>
internal static class ApiErrors
{
    public const string InvalidRequest = "invalid_request_error";

    public static ApiError MissingApiKey() => new(
        401, "authentication_error", "invalid_api_key",
        "Missing API key. Send it as 'Authorization: Bearer jk_...'.");

    public static ApiError InvalidApiKey() => new(401, "authentication_error", "invalid_api_key", "Invalid API key.");

    /// <summary>A key acting for a tenant it does not list; <paramref name="param"/> is where the tenant was named.</summary>
    public static ApiError TenantNotAllowed(string? tenant, string param) =>
        new(403, "permission_error", "tenant_not_allowed", $"This key may not act for tenant '{tenant}'.", param);

    /// <summary>The store behind keys failed: the request is refused rather than let through (fail closed).</summary>
    public static ApiError AuthorizationUnavailable() =>
        new(503, "api_error", "store_unavailable", "The gateway cannot authorize this request right now; it was refused.");

    public static ApiError InvalidJson(string detail) => new(400, InvalidRequest, "invalid_json", $"The request body is not valid JSON: {detail}");

    public static ApiError BadField(string param, string message) => new(400, InvalidRequest, "invalid_value", message, param);

    public static ApiError MissingField(string param, string message) => new(400, InvalidRequest, "missing_required_parameter", message, param);

    public static ApiError ModelNotFound(string model, string? suggestion) => new(
        404, InvalidRequest, "model_not_found",
        suggestion is null
            ? $"The model '{model}' does not exist. Use a catalog model id (GET /v1/models), 'auto', or a strategy: lowest-cost, balanced, fastest, max-reliability, best-quality."
            : $"The model '{model}' does not exist (did you mean '{suggestion}'?).",
        "model");

    public static ApiError InvalidPolicy(string param, IReadOnlyList<PolicyError> errors)
    {
        var lines = new string[errors.Count];
        for (var i = 0; i < errors.Count; i++)
        {
            lines[i] = errors[i].ToString();
        }

        return new ApiError(400, InvalidRequest, "invalid_policy", $"Invalid policy: {string.Join("; ", lines)}", param) { PolicyErrors = errors };
    }

    public static ApiError NotFound(string what) => new(404, InvalidRequest, "not_found", what);

    public static ApiError NoRoute(RouteDecision decision) => new(
        422, InvalidRequest, "no_route",
        $"No model satisfies the effective policy: all {decision.Rejected.Count} candidates were rejected. See 'trace.rejected' for the rule and layer that rejected each.");

    public static ApiError Denied(RouteDecision decision)
    {
        var denial = decision.Denial;
        var message = denial is null
            ? "The request is denied by policy. See 'trace.rejected'."
            : $"Model '{denial.Model}' is denied by the {denial.Layer} layer's rule {denial.Rule}" +
              (denial.Actual is null ? "." : $" (actual: {denial.Actual}).");
        return new ApiError(403, "permission_error", "policy_denied", message);
    }

    /// <summary>Every attempt failed: the last error decides the status class the caller sees.</summary>
    public static ApiError Upstream(ProviderError error, int attempts)
    {
        var prefix = attempts switch
        {
            0 => "No upstream could be attempted",
            1 => "The upstream failed",
            _ => $"All {attempts} attempts failed; the last",
        };
        var message = $"{prefix}: {error.Message}";
        return Classify(error, message) with { UpstreamKind = error.Kind };
    }

    private static ApiError Classify(ProviderError error, string message)
    {
        return error.Kind switch
        {
            ErrorKind.RateLimited => new ApiError(429, "rate_limit_error", "rate_limited", message)
            {
                RetryAfterSeconds = error.RetryAfter is { } wait ? (int)Math.Ceiling(Math.Max(0, wait.TotalSeconds)) : null,
            },
            ErrorKind.Timeout => new ApiError(504, "api_error", "upstream_timeout", message),
            ErrorKind.ContextLength => new ApiError(400, InvalidRequest, "context_length_exceeded", message, "messages"),
            ErrorKind.ClientError => new ApiError(error.Status is >= 400 and < 500 and not 401 and not 403 and not 429 ? error.Status.Value : 400, InvalidRequest, "upstream_rejected_request", message),
            _ => new ApiError(502, "api_error", "upstream_error", message),
        };
    }

    /// <summary>The error a stream ends with when its upstream fails after content was sent.</summary>
    public static ApiError StreamFailed(ProviderError error) => new(
        error.Kind == ErrorKind.Timeout ? 504 : 502, "api_error", error.Kind.ToWire(),
        $"The upstream stream failed after content was sent: {error.Message}") { UpstreamKind = error.Kind };
}
