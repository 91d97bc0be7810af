namespace Junction.Server.Upstreams;

/// <summary>
/// How to reach one provider (<c>Junction:Providers:{id}</c>). Any member left out falls back to the provider's
/// preset (base URL) and conventional environment variable (key, e.g. <c>OPENAI_API_KEY</c>).
/// </summary>
public sealed class ProviderOptions
{
    public string? BaseUrl { get; set; }

    /// <summary>Write-only: never logged, traced or returned.</summary>
    public string? ApiKey { get; set; }

    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>All configured providers by id.</summary>
public sealed class ProvidersOptions
{
    public Dictionary<string, ProviderOptions> Providers { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The in-process simulator (<c>Junction:Simulator</c>) that serves every provider without a key.</summary>
public sealed class EmbeddedSimulatorOptions
{
    public const string SectionName = "Junction:Simulator";

    public bool Enabled { get; set; } = true;

    /// <summary>Seed of the simulator's randomness, so demo answers repeat.</summary>
    public int Seed { get; set; } = 42;
}
