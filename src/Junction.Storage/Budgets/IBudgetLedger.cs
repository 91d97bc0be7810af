namespace Junction.Storage.Budgets;

/// <summary>
/// Budgets by reservation. Invariant, under any concurrency, for every scope and window:
/// settled spend + held amounts &lt;= limit, as long as each settle is at most its hold; holds return to zero
/// once every reservation has ended. A settle above its hold is recorded as spent (the truth) and denies what follows.
/// </summary>
public interface IBudgetLedger
{
    /// <summary>
    /// Holds <paramref name="amountUsd"/> on every scope at once, or on none: the first scope and window whose
    /// limit would be crossed is named in the denial. Scopes must be distinct.
    /// </summary>
    ValueTask<BudgetDecision> TryReserveAsync(IReadOnlyList<BudgetScope> scopes, decimal amountUsd, CancellationToken cancellationToken = default);

    /// <summary>Turns the hold into <paramref name="actualUsd"/> of spend; false when the reservation had already ended.</summary>
    ValueTask<bool> SettleAsync(BudgetReservation reservation, decimal actualUsd, CancellationToken cancellationToken = default);

    /// <summary>Drops the hold with nothing spent; false when the reservation had already ended.</summary>
    ValueTask<bool> ReleaseAsync(BudgetReservation reservation, CancellationToken cancellationToken = default);

    /// <summary>A scope's spend in the current UTC day and month and its outstanding holds.</summary>
    ValueTask<BudgetUsage> GetUsageAsync(ScopeKind kind, string id, CancellationToken cancellationToken = default);

    /// <summary>Writes settled spend not yet persisted.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
