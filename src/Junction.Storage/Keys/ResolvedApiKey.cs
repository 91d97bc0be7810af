using Junction.Storage.Budgets;
using Junction.Storage.RateLimits;
using Junction.Storage.Tenants;

namespace Junction.Storage.Keys;

/// <summary>How an authentication attempt ended.</summary>
public enum ApiKeyStatus
{
    Valid,

    /// <summary>No key has this secret (or the presented text is not a key at all).</summary>
    Unknown,

    Revoked,

    Expired,

    /// <summary>The key's tenant no longer exists (keys go with their tenant; seen only in a race with a delete).</summary>
    TenantMissing,
}

/// <summary>
/// An authenticated caller: the key, the tenant it acts for, and the scopes its budgets and rate limits apply to
/// (tenant first, then key), built once per cache entry so the gateway passes them to the ledger and the limiter as they are.
/// </summary>
public sealed class ResolvedApiKey
{
    public ResolvedApiKey(ApiKey key, Tenant tenant)
    {
        Key = key;
        Tenant = tenant;
        BudgetScopes = [BudgetScope.For(tenant), BudgetScope.For(key)];
        RateLimitScopes = [RateLimitScope.For(tenant), RateLimitScope.For(key)];
    }

    public ApiKey Key { get; }

    /// <summary>The tenant the request is made for: the key's own, or one a platform key named.</summary>
    public Tenant Tenant { get; }

    public IReadOnlyList<BudgetScope> BudgetScopes { get; }

    public IReadOnlyList<RateLimitScope> RateLimitScopes { get; }
}

/// <summary>The answer of <see cref="IApiKeyResolver.ResolveAsync"/>: <see cref="Caller"/> is set only when <see cref="Status"/> is <see cref="ApiKeyStatus.Valid"/>.</summary>
public readonly record struct ApiKeyResolution(ApiKeyStatus Status, ResolvedApiKey? Caller)
{
    public bool IsValid => Status == ApiKeyStatus.Valid;
}
