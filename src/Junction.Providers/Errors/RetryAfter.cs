using System.Globalization;
using System.Net.Http.Headers;

namespace Junction.Providers.Errors;

/// <summary>Reads how long a provider asked us to wait: <c>retry-after-ms</c>, or <c>Retry-After</c> as seconds or an HTTP date.</summary>
internal static class RetryAfter
{
    public static TimeSpan? From(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (TryFirst(headers, "retry-after-ms", out var milliseconds)
            && double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            && double.IsFinite(ms))
        {
            return TimeSpan.FromMilliseconds(Math.Max(0, ms));
        }

        if (!TryFirst(headers, "Retry-After", out var value))
        {
            return null;
        }

        // Seconds are an integer per RFC 9110, but some providers send fractions ("1.5").
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            return TimeSpan.FromSeconds(Math.Max(0, seconds));
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static bool TryFirst(HttpResponseHeaders headers, string name, out string value)
    {
        value = string.Empty;
        if (!headers.TryGetValues(name, out var values))
        {
            return false;
        }

        foreach (var candidate in values)
        {
            value = candidate.Trim();
            return value.Length > 0;
        }

        return false;
    }
}
