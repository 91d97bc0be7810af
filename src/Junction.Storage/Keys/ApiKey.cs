namespace Junction.Storage.Keys;

/// <summary>What an API key may do.</summary>
public enum ApiKeyRole
{
    /// <summary>Platform administration: every tenant, keys, credentials, audit.</summary>
    Admin,

    /// <summary>Administration of its own tenant: keys, budgets, logs, spend.</summary>
    TenantAdmin,

    /// <summary>Inference and the policy tools.</summary>
    Member,

    /// <summary>Read-only: logs, spend, traces of its tenant.</summary>
    Viewer,
}

/// <summary>
/// One API key as stored: never the secret, only its SHA-256 and a short visible prefix for display.
/// A key belongs to one tenant; a platform key also lists <see cref="AllowedTenants"/> it may name per request.
/// </summary>
public sealed record ApiKey
{
    /// <summary><c>key_</c> + 20 base62 characters; set by the store.</summary>
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    public required string Name { get; init; }

    /// <summary>The first characters of the secret (<c>jk_</c> + 8), kept in clear so people can tell keys apart.</summary>
    public required string Prefix { get; init; }

    public ApiKeyRole Role { get; init; } = ApiKeyRole.Member;

    /// <summary>A <c>junction-pol/v1</c> document that narrows the tenant's policy for this key; validated by the caller.</summary>
    public string? PolicyJson { get; init; }

    public decimal? DailyBudgetUsd { get; init; }

    public decimal? MonthlyBudgetUsd { get; init; }

    public int? RequestsPerMinute { get; init; }

    public int? TokensPerMinute { get; init; }

    /// <summary>Tenants this key may name per request (<c>junction.tenant</c>); empty for an ordinary key.</summary>
    public IReadOnlyList<string> AllowedTenants { get; init; } = [];

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public long Version { get; init; }

    /// <summary>True when this key may act for <paramref name="tenantId"/>: its own tenant or one it lists.</summary>
    public bool MayActFor(string tenantId)
    {
        if (string.Equals(tenantId, TenantId, StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var allowed in AllowedTenants)
        {
            if (string.Equals(allowed, tenantId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the key authenticates at <paramref name="now"/>: not revoked and not expired.</summary>
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expires || now < expires);
}
