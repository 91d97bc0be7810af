using Junction.Storage;
using Junction.Storage.Budgets;
using Junction.Storage.RateLimits;
using Junction.Storage.Tenants;

namespace Junction.Server.Auth;

/// <summary>
/// Budgets, rate limits and logging mode of the tenants and keys declared in <c>Junction:Tenants</c>: validated at
/// startup (each problem named by its configuration path), then turned into the same scopes the store's keys carry
/// (tenant by its id, key by its id), so configured and stored callers go through one admission path.
/// </summary>
internal static class ConfiguredLimits
{
    /// <summary>Adds an error for each limit of <paramref name="path"/> that is out of range.</summary>
    public static void Validate(string path, decimal? dailyBudget, decimal? monthlyBudget, int? rpm, int? tpm, List<string> errors)
    {
        if (dailyBudget < 0)
        {
            errors.Add($"{path}:DailyBudget: must not be negative (USD per UTC day)");
        }

        if (monthlyBudget < 0)
        {
            errors.Add($"{path}:MonthlyBudget: must not be negative (USD per UTC month)");
        }

        if (rpm <= 0)
        {
            errors.Add($"{path}:Rpm: must be a positive number of requests per minute");
        }

        if (tpm <= 0)
        {
            errors.Add($"{path}:Tpm: must be a positive number of tokens per minute");
        }
    }

    /// <summary>The tenant's logging mode; <c>metadata</c> when unset. An unknown value is an error.</summary>
    public static LoggingMode LoggingModeOf(TenantOptions tenant, string path, List<string> errors)
    {
        if (tenant.LoggingMode is null)
        {
            return LoggingMode.Metadata;
        }

        if (!LoggingModes.TryParse(tenant.LoggingMode, out var mode))
        {
            errors.Add($"{path}:LoggingMode: expected 'full' or 'metadata', not '{tenant.LoggingMode}'");
        }

        return mode;
    }

    /// <summary>The budget scopes of a configured key: its tenant's, then its own.</summary>
    public static IReadOnlyList<BudgetScope> BudgetScopes(TenantOptions tenant, ApiKeyOptions key) =>
    [
        new BudgetScope(ScopeKind.Tenant, tenant.Id, tenant.DailyBudget, tenant.MonthlyBudget),
        new BudgetScope(ScopeKind.Key, key.Id, key.DailyBudget, key.MonthlyBudget),
    ];

    /// <summary>The rate-limit scopes of a configured key: its tenant's, then its own.</summary>
    public static IReadOnlyList<RateLimitScope> RateLimitScopes(TenantOptions tenant, ApiKeyOptions key) =>
    [
        new RateLimitScope(ScopeKind.Tenant, tenant.Id, tenant.Rpm, tenant.Tpm),
        new RateLimitScope(ScopeKind.Key, key.Id, key.Rpm, key.Tpm),
    ];
}
