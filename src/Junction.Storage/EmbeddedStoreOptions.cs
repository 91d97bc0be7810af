using Junction.Storage.RequestLogs;

namespace Junction.Storage;

/// <summary>Settings of the embedded store (<c>Junction:Storage</c>).</summary>
public sealed class EmbeddedStoreOptions
{
    /// <summary>The database file's name inside the data directory.</summary>
    public string DatabaseFileName { get; set; } = "junction.db";

    /// <summary>How long a writer waits for another to finish before its statement fails.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often settled budget spend is written behind; zero writes only on flush and shutdown.</summary>
    public TimeSpan SpendFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    public RequestLogOptions RequestLog { get; set; } = new();
}
