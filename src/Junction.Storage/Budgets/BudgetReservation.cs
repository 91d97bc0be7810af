namespace Junction.Storage.Budgets;

/// <summary>
/// A worst-case amount held on every scope of one request. End it exactly once: <see cref="IBudgetLedger.SettleAsync"/>
/// after the call, <see cref="IBudgetLedger.ReleaseAsync"/> when nothing was spent; later ends are ignored.
/// </summary>
public sealed class BudgetReservation
{
    private int _ended;

    internal BudgetReservation(IReadOnlyList<BudgetScope> scopes, decimal amountUsd, long amountNanos, BudgetScopeState[] states)
    {
        Scopes = scopes;
        AmountUsd = amountUsd;
        AmountNanos = amountNanos;
        States = states;
    }

    public IReadOnlyList<BudgetScope> Scopes { get; }

    /// <summary>The amount held on each scope.</summary>
    public decimal AmountUsd { get; }

    public bool IsEnded => Volatile.Read(ref _ended) != 0;

    internal long AmountNanos { get; }

    /// <summary>Per-scope state of the ledger that issued it, in the order of <see cref="Scopes"/>.</summary>
    internal BudgetScopeState[] States { get; }

    /// <summary>True for the one caller that ends the reservation.</summary>
    internal bool TryEnd() => Interlocked.Exchange(ref _ended, 1) == 0;
}
