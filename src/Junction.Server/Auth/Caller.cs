using System.Collections.Concurrent;
using Junction.Core.Routing;
using Junction.Storage.Budgets;
using Junction.Storage.Keys;
using Junction.Storage.RateLimits;
using Junction.Storage.Tenants;

namespace Junction.Server.Auth;

/// <summary>
/// Who is calling: the tenant and API key a request authenticated as, with the stored policy layers that
/// apply to every request made with that key (host floor, tenant, key), parsed once at startup.
/// </summary>
internal sealed class Caller(string tenantId, string tenantName, string keyId, IReadOnlyList<PolicyLayer> storedLayers)
{
    private readonly IReadOnlyList<BudgetScope>? _budgetScopes;
    private readonly IReadOnlyList<RateLimitScope>? _rateLimitScopes;

    public string TenantId { get; } = tenantId;

    public string TenantName { get; } = tenantName;

    public string KeyId { get; } = keyId;

    /// <summary>What the key may do; keys declared in <c>Junction:Tenants</c> are members.</summary>
    public ApiKeyRole Role { get; init; } = ApiKeyRole.Member;

    /// <summary>The store's view of the key; null for keys declared in configuration.</summary>
    public ResolvedApiKey? Stored { get; init; }

    /// <summary>
    /// The scopes admission holds budgets on (tenant, then key): the store's for stored keys, those declared in
    /// <c>Junction:Tenants</c> for configured ones; null (no budgets) for local mode and the configured admin key.
    /// </summary>
    public IReadOnlyList<BudgetScope>? BudgetScopes
    {
        get => Stored?.BudgetScopes ?? _budgetScopes;
        init => _budgetScopes = value;
    }

    /// <summary>The scopes admission counts requests and tokens against, like <see cref="BudgetScopes"/>.</summary>
    public IReadOnlyList<RateLimitScope>? RateLimitScopes
    {
        get => Stored?.RateLimitScopes ?? _rateLimitScopes;
        init => _rateLimitScopes = value;
    }

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
