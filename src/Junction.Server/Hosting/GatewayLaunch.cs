namespace Junction.Server.Hosting;

/// <summary>
/// How one gateway process is started: what <c>junction serve</c> was given on its command line, or what a test
/// supplies. Everything here ends up as configuration, so the host is built the same way in both cases.
/// </summary>
internal sealed record GatewayLaunch
{
    /// <summary>A JSON configuration file (<c>--config</c>); environment variables still override it.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>A catalog override file (<c>--catalog</c>).</summary>
    public string? CatalogFile { get; init; }

    public string? Host { get; init; }

    public int? Port { get; init; }

    /// <summary>The store's data directory (<c>--data-dir</c>).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Extra settings applied last (tests).</summary>
    public IReadOnlyDictionary<string, string?>? Settings { get; init; }

    /// <summary>A further log sink (tests capture every log line to prove no secret reaches the logs).</summary>
    public Microsoft.Extensions.Logging.ILoggerProvider? LoggerProvider { get; init; }

    /// <summary>Ignore the process environment and appsettings files, so a test sees only its own settings.</summary>
    public bool Isolated { get; init; }

    public void ApplyTo(ConfigurationManager configuration)
    {
        if (Isolated)
        {
            configuration.Sources.Clear();
        }

        if (ConfigFile is not null)
        {
            configuration.AddJsonFile(Path.GetFullPath(ConfigFile), optional: false, reloadOnChange: false);
            if (!Isolated)
            {
                configuration.AddEnvironmentVariables();
            }
        }

        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (Host is not null)
        {
            overrides[$"{ServerOptions.SectionName}:Host"] = Host;
        }

        if (Port is { } port)
        {
            overrides[$"{ServerOptions.SectionName}:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (DataDirectory is not null)
        {
            overrides["Junction:Storage:DataDirectory"] = Path.GetFullPath(DataDirectory);
        }

        if (CatalogFile is not null)
        {
            overrides["Junction:Catalog:OverrideFile"] = Path.GetFullPath(CatalogFile);
        }

        if (Settings is not null)
        {
            foreach (var (key, value) in Settings)
            {
                overrides[key] = value;
            }
        }

        configuration.AddInMemoryCollection(overrides);
    }
}
