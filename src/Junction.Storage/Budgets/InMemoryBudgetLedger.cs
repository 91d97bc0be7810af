using System.Collections.Concurrent;
using static Junction.Storage.Database.StoredValues;

namespace Junction.Storage.Budgets;

/// <summary>
/// The embedded store's ledger: authoritative counters in memory, one lock per scope, so reservations on
/// different tenants never contend. A reservation locks all its scopes (in a fixed order, so two requests can
/// never deadlock), checks every limit, then holds on all of them or none. Settled spend is queued per scope and
/// day and written behind to <c>budget_spend</c>; at start the current month is loaded back. Holds are not
/// persisted: a crash ends every request, and with it every hold.
/// </summary>
internal sealed class InMemoryBudgetLedger : IBudgetLedger, IAsyncDisposable
{
    private readonly ConcurrentDictionary<(ScopeKind, string), BudgetScopeState> _scopes = new();
    private readonly ConcurrentDictionary<(ScopeKind Kind, string Id, long Day), long> _unflushed = new();
    private readonly SqliteSpendStore _spend;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly ITimer? _flushTimer;
    private long _nextLockOrder;

    private InMemoryBudgetLedger(SqliteSpendStore spend, TimeProvider time, TimeSpan flushInterval)
    {
        _spend = spend;
        _time = time;
        if (flushInterval > TimeSpan.Zero)
        {
            _flushTimer = time.CreateTimer(static state => _ = ((InMemoryBudgetLedger)state!).FlushQuietlyAsync(), this, flushInterval, flushInterval);
        }
    }

    /// <summary>Settles whose spend is not yet in the database; exposed for metrics and tests.</summary>
    public int UnflushedCount => _unflushed.Count;

    /// <summary>Creates the ledger with this month's settled spend loaded from the database.</summary>
    public static async Task<InMemoryBudgetLedger> OpenAsync(SqliteSpendStore spend, TimeProvider time, TimeSpan flushInterval, CancellationToken cancellationToken)
    {
        var ledger = new InMemoryBudgetLedger(spend, time, flushInterval);
        var now = time.GetUtcNow();
        var today = BudgetPeriods.DayNumber(now);
        var todayKey = BudgetPeriods.DayKey(today);
        var month = BudgetPeriods.MonthNumber(now);
        foreach (var (kind, id, day, spent) in await spend.LoadSinceAsync(BudgetPeriods.MonthStartKey(now), cancellationToken).ConfigureAwait(false))
        {
            var state = ledger.State(kind, id);
            lock (state)
            {
                state.Load(today, month, state.SpentDay + (day == todayKey ? spent : 0), state.SpentMonth + spent);
            }
        }

        return ledger;
    }

    public ValueTask<BudgetDecision> TryReserveAsync(IReadOnlyList<BudgetScope> scopes, decimal amountUsd, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amountUsd);
        var amount = ToNanos(amountUsd);
        var now = _time.GetUtcNow();
        var day = BudgetPeriods.DayNumber(now);
        var month = BudgetPeriods.MonthNumber(now);

        var states = new BudgetScopeState[scopes.Count];
        for (var i = 0; i < states.Length; i++)
        {
            states[i] = State(scopes[i].Kind, scopes[i].Id);
        }

        var locked = OrderedLocks.EnterAll(states);
        try
        {
            for (var i = 0; i < states.Length; i++)
            {
                var state = states[i];
                state.Roll(day, month);
                if (Exceeds(scopes[i], BudgetWindow.Day, state.SpentDay, state, amount, amountUsd, now) is { } dayDenial)
                {
                    return new(new BudgetDecision(null, dayDenial));
                }

                if (Exceeds(scopes[i], BudgetWindow.Month, state.SpentMonth, state, amount, amountUsd, now) is { } monthDenial)
                {
                    return new(new BudgetDecision(null, monthDenial));
                }
            }

            foreach (var state in states)
            {
                state.Held += amount;
            }
        }
        finally
        {
            OrderedLocks.ExitAll(locked);
        }

        return new(new BudgetDecision(new BudgetReservation(scopes, amountUsd, amount, states), null));
    }

    public ValueTask<bool> SettleAsync(BudgetReservation reservation, decimal actualUsd, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(actualUsd);
        if (!reservation.TryEnd())
        {
            return new(false);
        }

        var actual = ToNanos(actualUsd);
        var now = _time.GetUtcNow();
        var day = BudgetPeriods.DayNumber(now);
        var month = BudgetPeriods.MonthNumber(now);
        foreach (var state in reservation.States)
        {
            // One scope at a time is enough: held falls by at least what spent rises, so no sum grows.
            lock (state)
            {
                state.Roll(day, month);
                state.Held -= reservation.AmountNanos;
                state.SpentDay += actual;
                state.SpentMonth += actual;
            }

            if (actual != 0)
            {
                _unflushed.AddOrUpdate((state.Kind, state.Id, day), static (_, delta) => delta, static (_, sum, delta) => sum + delta, actual);
            }
        }

        return new(true);
    }

    public ValueTask<bool> ReleaseAsync(BudgetReservation reservation, CancellationToken cancellationToken = default)
    {
        if (!reservation.TryEnd())
        {
            return new(false);
        }

        foreach (var state in reservation.States)
        {
            lock (state)
            {
                state.Held -= reservation.AmountNanos;
            }
        }

        return new(true);
    }

    public ValueTask<BudgetUsage> GetUsageAsync(ScopeKind kind, string id, CancellationToken cancellationToken = default)
    {
        if (!_scopes.TryGetValue((kind, id), out var state))
        {
            return new(default(BudgetUsage));
        }

        var now = _time.GetUtcNow();
        lock (state)
        {
            state.Roll(BudgetPeriods.DayNumber(now), BudgetPeriods.MonthNumber(now));
            return new(new BudgetUsage(ToUsd(state.SpentDay), ToUsd(state.SpentMonth), ToUsd(state.Held)));
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var taken = new List<KeyValuePair<(ScopeKind Kind, string Id, long Day), long>>();
            foreach (var key in _unflushed.Keys)
            {
                if (_unflushed.TryRemove(key, out var delta))
                {
                    taken.Add(new(key, delta));
                }
            }

            if (taken.Count == 0)
            {
                return;
            }

            var rows = new List<(ScopeKind, string, string, long)>(taken.Count);
            foreach (var (key, delta) in taken)
            {
                rows.Add((key.Kind, key.Id, BudgetPeriods.DayKey(key.Day), delta));
            }

            try
            {
                await _spend.AddAsync(rows, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Put the spend back so the next flush writes it; the counters in memory stay right meanwhile.
                foreach (var (key, delta) in taken)
                {
                    _unflushed.AddOrUpdate(key, static (_, d) => d, static (_, sum, d) => sum + d, delta);
                }

                throw;
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_flushTimer is not null)
        {
            await _flushTimer.DisposeAsync().ConfigureAwait(false);
        }

        await FlushAsync().ConfigureAwait(false);
        _flushing.Dispose();
    }

    private async Task FlushQuietlyAsync()
    {
        try
        {
            await FlushAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Retried by the next tick; the spend stays queued.
        }
    }

    private BudgetScopeState State(ScopeKind kind, string id) =>
        _scopes.TryGetValue((kind, id), out var state)
            ? state
            : _scopes.GetOrAdd((kind, id), static (key, ledger) => new BudgetScopeState(key.Item1, key.Item2, Interlocked.Increment(ref ledger._nextLockOrder)), this);

    private static BudgetDenial? Exceeds(BudgetScope scope, BudgetWindow window, long spent, BudgetScopeState state, long amount, decimal amountUsd, DateTimeOffset now)
    {
        if (scope.LimitFor(window) is not { } limitUsd || spent + state.Held + amount <= ToNanos(limitUsd))
        {
            return null;
        }

        var resetsAt = window == BudgetWindow.Day ? BudgetPeriods.NextDayStart(now) : BudgetPeriods.NextMonthStart(now);
        return new BudgetDenial(scope, window, limitUsd, ToUsd(spent), ToUsd(state.Held), amountUsd, resetsAt);
    }
}
