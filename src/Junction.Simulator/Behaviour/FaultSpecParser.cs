using System.Globalization;

namespace Junction.Simulator.Behaviour;

/// <summary>
/// Reads the text form of a fault: <c>key=value</c> pairs and bare flags separated by <c>;</c>
/// (<c>status=429; retry_after=2</c>, <c>timeout</c>, <c>cut_after=5</c>). Cold path: only headers and configuration.
/// </summary>
internal static class FaultSpecParser
{
    public static bool TryParse(string? text, out FaultSpec? spec, out string? error)
    {
        spec = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var parsed = new FaultSpec();
        foreach (var rawPart in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = rawPart.IndexOf('=', StringComparison.Ordinal);
            var key = (equals < 0 ? rawPart : rawPart[..equals]).Trim().ToLowerInvariant();
            var value = equals < 0 ? null : rawPart[(equals + 1)..].Trim();
            error = Apply(parsed, key, value);
            if (error is not null)
            {
                return false;
            }
        }

        error = Fault.Validate(parsed);
        if (error is not null)
        {
            return false;
        }
        spec = parsed;
        return true;
    }

    private static string? Apply(FaultSpec spec, string key, string? value)
    {
        switch (key)
        {
            case "timeout":
                spec.Timeout = value is null || IsTrue(value);
                return null;
            case "drop":
                spec.Drop = value is null || IsTrue(value);
                return null;
            case "status":
                return TryInt(value, out var status) ? Set(() => spec.Status = status) : Bad(key, value);
            case "cut_after":
                return TryInt(value, out var cut) ? Set(() => spec.CutAfter = cut) : Bad(key, value);
            case "error_event_after":
                return TryInt(value, out var after) ? Set(() => spec.ErrorEventAfter = after) : Bad(key, value);
            case "retry_after":
                return TryDouble(value, out var seconds) ? Set(() => spec.RetryAfterSeconds = seconds) : Bad(key, value);
            case "rate":
                return TryDouble(value, out var rate) ? Set(() => spec.Rate = rate) : Bad(key, value);
            case "code":
                return value is { Length: > 0 } ? Set(() => spec.Code = value) : Bad(key, value);
            case "type":
                return value is { Length: > 0 } ? Set(() => spec.Type = value) : Bad(key, value);
            case "message":
                return value is { Length: > 0 } ? Set(() => spec.Message = value) : Bad(key, value);
            default:
                return $"Unknown fault setting '{key}'. Known: status, code, type, message, retry_after, timeout, drop, cut_after, error_event_after, rate.";
        }
    }

    private static string? Set(Action assign)
    {
        assign();
        return null;
    }

    private static string Bad(string key, string? value) => $"Invalid value for fault setting '{key}': '{value}'.";

    private static bool IsTrue(string value) => value is "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase);

    private static bool TryInt(string? value, out int result) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result);

    private static bool TryDouble(string? value, out double result) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out result);
}
