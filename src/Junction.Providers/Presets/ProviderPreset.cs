using Junction.Providers.Abstractions;

namespace Junction.Providers.Presets;

/// <summary>A known provider: where its API lives, which environment variable holds its key, and its quirks.</summary>
public sealed record ProviderPreset(string Id, string Dialect, Uri BaseUrl, string ApiKeyVariable, ProviderQuirks Quirks)
{
    /// <summary>Variables read, in order, when <see cref="ApiKeyVariable"/> is unset (the names the provider's own SDKs also accept).</summary>
    public IReadOnlyList<string> AlternateApiKeyVariables { get; init; } = [];

    /// <summary>Builds an endpoint for this provider; <paramref name="baseUrl"/> overrides the public URL (a proxy, a region).</summary>
    public ProviderEndpoint CreateEndpoint(string? apiKey, Uri? baseUrl = null, IReadOnlyDictionary<string, string>? headers = null) =>
        new(Id, baseUrl ?? BaseUrl, apiKey, headers) { Quirks = Quirks };
}
