using System.Globalization;
using Junction.Storage.RateLimits;

namespace Junction.Server.Admission;

/// <summary>The <c>x-ratelimit-*</c> headers OpenAI clients read, from the most constrained scope's counters.</summary>
internal static class RateLimitHeaders
{
    public static void Set(HttpResponse response, in RateLimitDecision decision)
    {
        var headers = response.Headers;
        if (decision.Requests is { } requests)
        {
            headers["x-ratelimit-limit-requests"] = requests.Limit.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-requests"] = Math.Max(0, requests.Remaining).ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset-requests"] = Duration(requests.Reset);
        }

        if (decision.Tokens is { } tokens)
        {
            headers["x-ratelimit-limit-tokens"] = tokens.Limit.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-tokens"] = Math.Max(0, tokens.Remaining).ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset-tokens"] = Duration(tokens.Reset);
        }
    }

    /// <summary>OpenAI's form: <c>1.5s</c>, <c>120ms</c>.</summary>
    private static string Duration(TimeSpan span) => span < TimeSpan.FromSeconds(1)
        ? Math.Ceiling(Math.Max(0, span.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + "ms"
        : Math.Round(span.TotalSeconds, 3).ToString(CultureInfo.InvariantCulture) + "s";
}
