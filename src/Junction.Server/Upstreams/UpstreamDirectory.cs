using System.Collections.Frozen;
using Junction.Providers.Abstractions;

namespace Junction.Server.Upstreams;

/// <summary>
/// Where one provider's calls go: its endpoint, the adapter that speaks its dialect, and a label for traces
/// (the provider id, or <c>simulator</c>).
/// </summary>
internal sealed record Upstream(ProviderEndpoint Endpoint, IProviderAdapter Adapter, string Label)
{
    public const string SimulatorLabel = "simulator";

    public bool IsSimulator => Label == SimulatorLabel;
}

/// <summary>
/// The upstream of every routable provider, published once the embedded simulator (if any) is listening.
/// Lock-free reads; until published, no provider resolves and <see cref="IsReady"/> is false.
/// </summary>
internal sealed class UpstreamDirectory
{
    private FrozenDictionary<string, Upstream>? _byProvider;

    /// <summary>True once the upstreams are published.</summary>
    public bool IsReady => Volatile.Read(ref _byProvider) is not null;

    /// <summary>The embedded simulator's base URL, when it runs.</summary>
    public Uri? SimulatorBaseUrl { get; private set; }

    public void Publish(IReadOnlyDictionary<string, Upstream> upstreams, Uri? simulatorBaseUrl)
    {
        SimulatorBaseUrl = simulatorBaseUrl;
        Volatile.Write(ref _byProvider, upstreams.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public bool TryGet(string providerId, out Upstream upstream)
    {
        var map = Volatile.Read(ref _byProvider);
        if (map is not null && map.TryGetValue(providerId, out upstream!))
        {
            return true;
        }

        upstream = null!;
        return false;
    }
}
