using Junction.Providers.Presets;

namespace Junction.Providers.Abstractions;

/// <summary>
/// Where and how to reach one provider: base URL, credential and extra headers. The key is write-only:
/// it is never logged, traced or echoed, and <see cref="ToString"/> leaves it out.
/// </summary>
public sealed class ProviderEndpoint(string providerId, Uri baseUrl, string? apiKey, IReadOnlyDictionary<string, string>? headers = null)
{
    /// <summary>The provider id the catalog uses (<c>openai</c>, <c>groq</c>, ...).</summary>
    public string ProviderId { get; } = providerId;

    /// <summary>Base URL up to and including the version segment, e.g. <c>https://api.openai.com/v1</c>.</summary>
    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>The secret; adapters put it on the wire and nowhere else.</summary>
    internal string? ApiKey { get; } = apiKey;

    public bool HasKey => !string.IsNullOrEmpty(ApiKey);

    /// <summary>Extra request headers. An <c>Authorization</c> header here is ignored when the endpoint has a key.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; } = headers ?? new Dictionary<string, string>();

    /// <summary>
    /// Dialect quirks for this endpoint. <c>null</c> means: the preset's quirks when <see cref="ProviderId"/> names a
    /// known preset, else <see cref="ProviderQuirks.Default"/>.
    /// </summary>
    public ProviderQuirks? Quirks { get; init; }

    public override string ToString() => $"{ProviderId} at {BaseUrl}";
}
