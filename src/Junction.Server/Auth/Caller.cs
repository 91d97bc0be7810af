using System.Collections.Concurrent;
using Junction.Core.Routing;
using Junction.Storage.Keys;
using Junction.Storage.Tenants;

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

    /// <summary>What the key may do; keys declared in <c>Junction:Tenants</c> are members.</summary>
    public ApiKeyRole Role { get; init; } = ApiKeyRole.Member;

    /// <summary>The store's view of the key (budget and rate-limit scopes: tenant, then key); null for configured keys, which have no limits.</summary>
    public ResolvedApiKey? Stored { get; init; }

    /// <summary>Whether request bodies may be kept in the request log for this tenant.</summary>
    public LoggingMode LoggingMode { get; init; } = LoggingMode.Metadata;

    /// <summary>True for local mode's development key.</summary>
    public bool IsLocal { get; init; }

    /// <summary>Host floor, tenant and key layers, most general first.</summary>
    public IReadOnlyList<PolicyLayer> StoredLayers { get; } = storedLayers;

    /// <summary>
    /// Compiled policies of requests that add nothing but a strategy or a forced model to the stored layers,
    /// keyed by (strategy as given, forced model id); bounded by strategies × catalog size, so it needs no eviction.
    /// </summary>
    internal ConcurrentDictionary<(string Strategy, string Model), CompiledPolicy> SimpleRequestPolicies { get; } = new();
}
