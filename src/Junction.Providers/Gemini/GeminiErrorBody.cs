using System.Globalization;
using System.Text.Json;

namespace Junction.Providers.Gemini;

/// <summary>
/// The fields of a Google API error that classification needs: <c>{"error":{"code","message","status","details"}}</c>
/// (also inside a one-element array, as Google sends it on its JSON-array streams). From <c>details</c> it keeps the
/// <c>ErrorInfo</c> reason, the <c>RetryInfo</c> delay and what the <c>QuotaFailure</c> violations say.
/// </summary>
internal readonly record struct GeminiErrorBody(
    int? Code,
    string? Message,
    string? Status,
    string? Reason,
    TimeSpan? RetryDelay,
    bool DailyQuota,
    bool ZeroQuota)
{
    /// <summary>Parses a body; anything that is not a Google error yields an empty body (the status alone then decides).</summary>
    public static GeminiErrorBody Parse(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return default;
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            {
                root = root[0];
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error"u8, out var error))
            {
                return default;
            }

            return error.ValueKind switch
            {
                JsonValueKind.Object => FromError(error),
                JsonValueKind.String => new GeminiErrorBody(null, error.GetString(), null, null, null, false, false),
                _ => default,
            };
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static GeminiErrorBody FromError(JsonElement error)
    {
        int? code = error.TryGetProperty("code"u8, out var codeElement) && codeElement.ValueKind == JsonValueKind.Number
            && codeElement.TryGetInt32(out var number) ? number : null;
        string? reason = null;
        TimeSpan? retryDelay = null;
        bool daily = false, zero = false;
        if (error.TryGetProperty("details"u8, out var details) && details.ValueKind == JsonValueKind.Array)
        {
            foreach (var detail in details.EnumerateArray())
            {
                if (detail.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var type = Text(detail, "@type") ?? string.Empty;
                if (type.EndsWith("google.rpc.ErrorInfo", StringComparison.Ordinal))
                {
                    reason ??= Text(detail, "reason");
                }
                else if (type.EndsWith("google.rpc.RetryInfo", StringComparison.Ordinal))
                {
                    retryDelay ??= ParseDuration(Text(detail, "retryDelay"));
                }
                else if (type.EndsWith("google.rpc.QuotaFailure", StringComparison.Ordinal))
                {
                    ReadViolations(detail, ref daily, ref zero);
                }
            }
        }

        return new GeminiErrorBody(code, Text(error, "message"), Text(error, "status"), reason, retryDelay, daily, zero);
    }

    /// <summary>
    /// A per-day quota (<c>GenerateRequestsPerDayPerProjectPerModel</c>) resets at midnight Pacific time, so no retry
    /// within a request's life can succeed; a quota of 0 means the tier has no access to the model at all.
    /// </summary>
    private static void ReadViolations(JsonElement detail, ref bool daily, ref bool zero)
    {
        if (!detail.TryGetProperty("violations"u8, out var violations) || violations.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var violation in violations.EnumerateArray())
        {
            if (violation.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var quotaId = Text(violation, "quotaId") ?? string.Empty;
            var metric = Text(violation, "quotaMetric") ?? string.Empty;
            daily |= quotaId.Contains("PerDay", StringComparison.OrdinalIgnoreCase)
                || metric.Contains("per_day", StringComparison.OrdinalIgnoreCase)
                || metric.Contains("per_model_per_day", StringComparison.OrdinalIgnoreCase);
            zero |= Text(violation, "quotaValue") == "0";
        }
    }

    /// <summary>A protobuf <c>Duration</c> in JSON: seconds with an <c>s</c> suffix, fractions allowed (<c>"17s"</c>, <c>"0.5s"</c>).</summary>
    internal static TimeSpan? ParseDuration(string? text)
    {
        if (text is null || !text.EndsWith('s'))
        {
            return null;
        }

        return double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && double.IsFinite(seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2))
            : null;
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
