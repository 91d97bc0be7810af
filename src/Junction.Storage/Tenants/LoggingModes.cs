namespace Junction.Storage.Tenants;

/// <summary>The wire names of <see cref="LoggingMode"/>: <c>full</c> and <c>metadata</c>.</summary>
public static class LoggingModes
{
    public static string ToWire(LoggingMode mode) => mode == LoggingMode.Full ? "full" : "metadata";

    /// <summary>Parses a wire name; anything else is <see cref="LoggingMode.Metadata"/>, the mode that keeps less.</summary>
    public static LoggingMode FromWire(string value) => value == "full" ? LoggingMode.Full : LoggingMode.Metadata;

    public static bool TryParse(string? value, out LoggingMode mode)
    {
        mode = value == "full" ? LoggingMode.Full : LoggingMode.Metadata;
        return value is "full" or "metadata";
    }
}
