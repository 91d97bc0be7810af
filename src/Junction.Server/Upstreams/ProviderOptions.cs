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

    /// <summary>Non-streamed answers take this long.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 600_000)]
    public int LatencyMs { get; set; } = 300;

    /// <summary>Streamed answers start after this long.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 600_000)]
    public int TtftMs { get; set; } = 150;

    /// <summary>Streamed answers then arrive at this pace (0: as fast as possible).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 1_000_000)]
    public double TokensPerSecond { get; set; } = 120;

    /// <summary>Answer length in tokens (when <c>max_tokens</c> allows).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int OutputTokens { get; set; } = 40;
}
