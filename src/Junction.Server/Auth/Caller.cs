using System.Collections.Concurrent;
using Junction.Core.Routing;

namespace Junction.Server.Auth;

/// <summary>
/// Who is calling: the tenant and API key a request authenticated as, with the stored policy layers that
/// apply to every request made with that key (host floor, tenant, key), parsed once at startup.
/// </summary>
internal sealed class Caller(string tenantId, string tenantName, string keyId, IReadOnlyList<PolicyLayer> storedLayers)
{
    public string TenantId { get; } = tenantId;

    public string TenantName { get; } = tenantName;

    public string KeyId { get; } = keyId;

    /// <summary>Host floor, tenant and key layers, most general first.</summary>
    public IReadOnlyList<PolicyLayer> StoredLayers { get; } = storedLayers;

    /// <summary>
    /// Compiled policies of requests that add nothing but a strategy or a forced model to the stored layers,
    /// keyed by (strategy as given, forced model id); bounded by strategies × catalog size, so it needs no eviction.
    /// </summary>
    internal ConcurrentDictionary<(string Strategy, string Model), CompiledPolicy> SimpleRequestPolicies { get; } = new();
}
