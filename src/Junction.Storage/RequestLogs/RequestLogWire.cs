namespace Junction.Storage.RequestLogs;

/// <summary>The names stored for <see cref="RequestSurface"/> and <see cref="RequestOutcome"/>; also the values of API filters.</summary>
public static class RequestLogWire
{
    public static string ToWire(RequestSurface surface) => surface switch
    {
        RequestSurface.OpenAI => "openai",
        RequestSurface.Anthropic => "anthropic",
        _ => "native",
    };

    public static RequestSurface SurfaceFromWire(string value) => value switch
    {
        "openai" => RequestSurface.OpenAI,
        "anthropic" => RequestSurface.Anthropic,
        _ => RequestSurface.Native,
    };

    public static string ToWire(RequestOutcome outcome) => outcome switch
    {
        RequestOutcome.Succeeded => "succeeded",
        RequestOutcome.Failed => "failed",
        RequestOutcome.Denied => "denied",
        _ => "cancelled",
    };

    public static bool TryParseOutcome(string? value, out RequestOutcome outcome)
    {
        (var known, outcome) = value switch
        {
            "succeeded" => (true, RequestOutcome.Succeeded),
            "failed" => (true, RequestOutcome.Failed),
            "denied" => (true, RequestOutcome.Denied),
            "cancelled" => (true, RequestOutcome.Cancelled),
            _ => (false, RequestOutcome.Failed),
        };
        return known;
    }

    internal static RequestOutcome OutcomeFromWire(string value) => TryParseOutcome(value, out var outcome) ? outcome : RequestOutcome.Failed;
}
