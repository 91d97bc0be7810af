using Junction.Storage.Keys;
using Junction.Storage.Tenants;

namespace Junction.Storage.RateLimits;

/// <summary>One scope a request counts against, with its limits as they stand now (null: no limit).</summary>
public readonly record struct RateLimitScope(ScopeKind Kind, string Id, int? RequestsPerMinute, int? TokensPerMinute)
{
    public static RateLimitScope For(Tenant tenant) => new(ScopeKind.Tenant, tenant.Id, tenant.RequestsPerMinute, tenant.TokensPerMinute);

    public static RateLimitScope For(ApiKey key) => new(ScopeKind.Key, key.Id, key.RequestsPerMinute, key.TokensPerMinute);
}
