using System.Collections.Frozen;
using System.Collections.Immutable;
using Junction.Providers.Abstractions;
using Junction.Providers.Presets;

namespace Junction.Server.Upstreams;

/// <summary>
/// Which upstream serves each provider, decided once at startup from configuration: a configured endpoint (a key
/// from <c>Junction:Providers</c> or the provider's environment variable, or an explicit base URL), else the
/// embedded simulator when it is enabled, else nothing (the provider's models are then not routable).
/// </summary>
internal sealed class UpstreamPlan
{
    private UpstreamPlan(FrozenDictionary<string, ProviderEndpoint> configured, ImmutableArray<string> simulated, ImmutableArray<string> unavailable)
    {
        Configured = configured;
        Simulated = simulated;
        Unavailable = unavailable;
    }

    /// <summary>Providers with a real endpoint, by id.</summary>
    public FrozenDictionary<string, ProviderEndpoint> Configured { get; }

    /// <summary>Providers the simulator stands in for, sorted.</summary>
    public ImmutableArray<string> Simulated { get; }

    /// <summary>Providers with neither credentials nor a simulator, sorted.</summary>
    public ImmutableArray<string> Unavailable { get; }

    public static UpstreamPlan Create(IEnumerable<string> catalogProviders, ProvidersOptions options, IConfiguration configuration, bool simulatorEnabled)
    {
        var configured = new Dictionary<string, ProviderEndpoint>(StringComparer.Ordinal);
        var simulated = new SortedSet<string>(StringComparer.Ordinal);
        var unavailable = new SortedSet<string>(StringComparer.Ordinal);
        var providers = new SortedSet<string>(catalogProviders, StringComparer.Ordinal);
        providers.UnionWith(options.Providers.Keys);
        foreach (var id in providers)
        {
            options.Providers.TryGetValue(id, out var provider);
            ProviderPresets.TryGet(id, out var preset);
            var key = NonEmpty(provider?.ApiKey) ?? (preset is null ? null : KeyFromEnvironment(preset, configuration));
            var explicitBaseUrl = NonEmpty(provider?.BaseUrl);
            var baseUrl = explicitBaseUrl ?? preset?.BaseUrl.ToString();

            // A key alone, or an explicit base URL alone (a keyless local server), makes a provider real.
            if (baseUrl is not null && (key is not null || explicitBaseUrl is not null))
            {
                if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    throw new Hosting.GatewayConfigurationException($"Junction:Providers:{id}:BaseUrl: '{baseUrl}' is not an absolute http(s) URL.");
                }

                configured[id] = preset?.CreateEndpoint(key, uri, provider?.Headers) ?? new ProviderEndpoint(id, uri, key, provider?.Headers);
            }
            else if (simulatorEnabled)
            {
                simulated.Add(id);
            }
            else
            {
                unavailable.Add(id);
            }
        }

        return new UpstreamPlan(configured.ToFrozenDictionary(StringComparer.Ordinal), [.. simulated], [.. unavailable]);
    }

    /// <summary>The preset's conventional variable, then the alternates its own SDKs accept (e.g. <c>GOOGLE_API_KEY</c>).</summary>
    private static string? KeyFromEnvironment(ProviderPreset preset, IConfiguration configuration)
    {
        var key = NonEmpty(configuration[preset.ApiKeyVariable]);
        foreach (var variable in preset.AlternateApiKeyVariables)
        {
            key ??= NonEmpty(configuration[variable]);
        }

        return key;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
