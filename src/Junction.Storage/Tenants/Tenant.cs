namespace Junction.Storage.Tenants;

/// <summary>Whether request and response bodies may be kept in the request log for a tenant.</summary>
public enum LoggingMode
{
    /// <summary>Bodies may be kept (unless the request says <c>no_log</c>).</summary>
    Full,

    /// <summary>Only metadata: tokens, cost, model, status, timings. Never bodies.</summary>
    Metadata,
}

/// <summary>
/// One tenant: the customer whose requests, keys, budgets and logs are kept apart from every other's.
/// Create with <see cref="ITenantStore.CreateAsync"/>; change with <c>with</c> and <see cref="ITenantStore.UpdateAsync"/>,
/// which checks <see cref="Version"/> so two admins cannot silently overwrite each other.
/// </summary>
public sealed record Tenant
{
    /// <summary>A slug (<c>a-z 0-9 - _</c>, up to 64), fixed at creation.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Plan { get; init; }

    public string? Region { get; init; }

    public string? DataClass { get; init; }

    /// <summary>A <c>junction-pol/v1</c> document as JSON text, validated by the caller before it is stored.</summary>
    public string? PolicyJson { get; init; }

    public string? DefaultStrategy { get; init; }

    public decimal? DefaultMaxCostUsd { get; init; }

    /// <summary>Spend limit per UTC day; null means none.</summary>
    public decimal? DailyBudgetUsd { get; init; }

    /// <summary>Spend limit per UTC calendar month; null means none.</summary>
    public decimal? MonthlyBudgetUsd { get; init; }

    public int? RequestsPerMinute { get; init; }

    public int? TokensPerMinute { get; init; }

    public LoggingMode LoggingMode { get; init; } = LoggingMode.Metadata;

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Set by the store.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Set by the store.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Starts at 1; the store adds one on every update.</summary>
    public long Version { get; init; }
}
