namespace Junction.Storage.Budgets;

/// <summary>
/// The counters of one scope in the in-memory ledger, guarded by locking the instance. Spend counts for the
/// current UTC day and month (reset when the period turns); holds belong to no period, so a hold taken before
/// midnight still counts against the new day until it ends, which errs on the side of denying.
/// </summary>
internal sealed class BudgetScopeState(ScopeKind kind, string id, long lockOrder) : IOrderedLock
{
    public ScopeKind Kind { get; } = kind;

    public string Id { get; } = id;

    /// <summary>A process-wide order for taking several scope locks without deadlock.</summary>
    public long LockOrder { get; } = lockOrder;

    public long Day { get; private set; } = -1;

    public int Month { get; private set; } = -1;

    public long SpentDay { get; set; }

    public long SpentMonth { get; set; }

    public long Held { get; set; }

    /// <summary>Starts new periods at zero spend when the clock has moved past the ones counted. Call under the lock.</summary>
    public void Roll(long day, int month)
    {
        if (day != Day)
        {
            Day = day;
            SpentDay = 0;
        }

        if (month != Month)
        {
            Month = month;
            SpentMonth = 0;
        }
    }

    /// <summary>Sets spend loaded from the database at start. Call under the lock.</summary>
    public void Load(long day, int month, long spentDay, long spentMonth)
    {
        Day = day;
        Month = month;
        SpentDay = spentDay;
        SpentMonth = spentMonth;
    }
}
