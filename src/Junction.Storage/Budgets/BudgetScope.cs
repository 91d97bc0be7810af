using Junction.Storage.Keys;
using Junction.Storage.Tenants;

namespace Junction.Storage.Budgets;

/// <summary>Whose money a budget limits.</summary>
public enum BudgetScopeKind
{
    Tenant,
    Key,
}

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
public readonly record struct BudgetScope(BudgetScopeKind Kind, string Id, decimal? DailyLimitUsd, decimal? MonthlyLimitUsd)
{
    public static BudgetScope For(Tenant tenant) => new(BudgetScopeKind.Tenant, tenant.Id, tenant.DailyBudgetUsd, tenant.MonthlyBudgetUsd);

    public static BudgetScope For(ApiKey key) => new(BudgetScopeKind.Key, key.Id, key.DailyBudgetUsd, key.MonthlyBudgetUsd);

    public decimal? LimitFor(BudgetWindow window) => window == BudgetWindow.Day ? DailyLimitUsd : MonthlyLimitUsd;
}
