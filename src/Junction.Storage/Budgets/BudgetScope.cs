using Junction.Storage.Keys;
using Junction.Storage.Tenants;

namespace Junction.Storage.Budgets;

/// <summary>The period a budget limit covers, in UTC.</summary>
public enum BudgetWindow
{
    /// <summary>From 00:00 UTC to the next 00:00 UTC.</summary>
    Day,

    /// <summary>From the first of the month 00:00 UTC to the first of the next.</summary>
    Month,
}

/// <summary>
/// One scope a reservation is held on, with its limits as they stand now (null: no limit for that window).
/// Limits travel with the call so a changed budget applies from the next request, with no ledger to update.
/// </summary>
public readonly record struct BudgetScope(ScopeKind Kind, string Id, decimal? DailyLimitUsd, decimal? MonthlyLimitUsd)
{
    public static BudgetScope For(Tenant tenant) => new(ScopeKind.Tenant, tenant.Id, tenant.DailyBudgetUsd, tenant.MonthlyBudgetUsd);

    public static BudgetScope For(ApiKey key) => new(ScopeKind.Key, key.Id, key.DailyBudgetUsd, key.MonthlyBudgetUsd);

    public decimal? LimitFor(BudgetWindow window) => window == BudgetWindow.Day ? DailyLimitUsd : MonthlyLimitUsd;
}
