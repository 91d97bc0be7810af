using System.Collections.Concurrent;
using Junction.Storage.Budgets;
using Junction.Storage.Tests.Infrastructure;

namespace Junction.Storage.Tests.Budgets;

public sealed class InMemoryBudgetLedgerTests
{
    private static BudgetScope Tenant(decimal? daily = null, decimal? monthly = null, string id = "acme") => new(ScopeKind.Tenant, id, daily, monthly);

    private static BudgetScope Key(decimal? daily = null, decimal? monthly = null, string id = "key_1") => new(ScopeKind.Key, id, daily, monthly);

    [Fact]
    public async Task TryReserveAsync_WithinLimit_HoldsOnEveryScope()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);

        var decision = await store.Budgets.TryReserveAsync([Tenant(daily: 10m), Key(daily: 1m)], 0.4m);

        Assert.True(decision.IsAllowed);
        Assert.Equal(0.4m, (await store.Budgets.GetUsageAsync(ScopeKind.Tenant, "acme")).HeldUsd);
        Assert.Equal(0.4m, (await store.Budgets.GetUsageAsync(ScopeKind.Key, "key_1")).HeldUsd);
    }

    [Fact]
    public async Task TryReserveAsync_KeyLimitCrossed_DeniesNamingKeyAndHoldsNothing()
    {
        using var directory = new TestDirectory();
        var time = new ManualTimeProvider(TestStore.Noon);
        await using var store = await TestStore.OpenAsync(directory, time);
        var first = await store.Budgets.TryReserveAsync([Tenant(daily: 10m), Key(daily: 1m)], 0.7m);

        var second = await store.Budgets.TryReserveAsync([Tenant(daily: 10m), Key(daily: 1m)], 0.5m);

        Assert.True(first.IsAllowed);
        Assert.False(second.IsAllowed);
        var denial = second.Denial!;
        Assert.Equal(ScopeKind.Key, denial.Scope.Kind);
        Assert.Equal(BudgetWindow.Day, denial.Window);
        Assert.Equal(1m, denial.LimitUsd);
        Assert.Equal(0.7m, denial.HeldUsd);
        Assert.Equal(0.5m, denial.RequestedUsd);
        Assert.Equal(new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.Zero), denial.ResetsAt);
        Assert.Equal(0.7m, (await store.Budgets.GetUsageAsync(ScopeKind.Tenant, "acme")).HeldUsd);
    }

    [Fact]
    public async Task TryReserveAsync_MonthlyLimitCrossed_DeniesNamingMonth()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        var reservation = (await store.Budgets.TryReserveAsync([Tenant(monthly: 1m)], 1m)).Reservation!;
        await store.Budgets.SettleAsync(reservation, 0.9m);

        var decision = await store.Budgets.TryReserveAsync([Tenant(daily: 100m, monthly: 1m)], 0.2m);

        Assert.Equal(BudgetWindow.Month, decision.Denial!.Window);
        Assert.Equal(0.9m, decision.Denial.SpentUsd);
    }

    [Fact]
    public async Task TryReserveAsync_ZeroLimit_DeniesAnyPositiveAmount()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);

        Assert.False((await store.Budgets.TryReserveAsync([Tenant(daily: 0m)], 0.000001m)).IsAllowed);
        Assert.True((await store.Budgets.TryReserveAsync([Tenant(daily: 0m)], 0m)).IsAllowed);
    }

    [Fact]
    public async Task SettleAsync_ActualBelowHold_ConvertsHoldToSpend()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        var reservation = (await store.Budgets.TryReserveAsync([Tenant(daily: 1m), Key()], 0.5m)).Reservation!;

        Assert.True(await store.Budgets.SettleAsync(reservation, 0.123456789m));
        Assert.False(await store.Budgets.SettleAsync(reservation, 0.3m));
        Assert.False(await store.Budgets.ReleaseAsync(reservation));

        var usage = await store.Budgets.GetUsageAsync(ScopeKind.Tenant, "acme");
        Assert.Equal(new BudgetUsage(0.123456789m, 0.123456789m, 0m), usage);
        Assert.Equal(0.123456789m, (await store.Budgets.GetUsageAsync(ScopeKind.Key, "key_1")).SpentTodayUsd);
    }

    [Fact]
    public async Task ReleaseAsync_Reservation_ReturnsHoldWithNoSpend()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        var reservation = (await store.Budgets.TryReserveAsync([Tenant(daily: 1m)], 1m)).Reservation!;
        Assert.False((await store.Budgets.TryReserveAsync([Tenant(daily: 1m)], 0.01m)).IsAllowed);

        Assert.True(await store.Budgets.ReleaseAsync(reservation));

        Assert.Equal(default, await store.Budgets.GetUsageAsync(ScopeKind.Tenant, "acme"));
        Assert.True((await store.Budgets.TryReserveAsync([Tenant(daily: 1m)], 1m)).IsAllowed);
    }

    [Fact]
    public async Task TryReserveAsync_500ConcurrentAgainstBudgetFor100_AdmitsExactly100AndNeverOverspends()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        const decimal Hold = 0.02m;
        BudgetScope[] scopes = [Tenant(daily: 100 * Hold, monthly: 1000m), Key(monthly: 100 * Hold)];

        var decisions = new ConcurrentBag<BudgetDecision>();
        await Parallel.ForAsync(0, 500, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, ct) =>
            decisions.Add(await store.Budgets.TryReserveAsync(scopes, Hold, ct)));

        var admitted = decisions.Where(d => d.IsAllowed).Select(d => d.Reservation!).ToList();
        Assert.Equal(100, admitted.Count);
        Assert.Equal(400, decisions.Count(d => !d.IsAllowed));
        Assert.Equal(100 * Hold, (await store.Budgets.GetUsageAsync(ScopeKind.Tenant, "acme")).HeldUsd);

        var settled = new ConcurrentBag<decimal>();
        await Parallel.ForEachAsync(admitted, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (reservation, ct) =>
        {
            var actual = Math.Round(Hold * (decimal)Random.Shared.NextDouble(), 9);
            settled.Add(actual);
            await store.Budgets.SettleAsync(reservation, actual, ct);
        });

        var tenant = await store.Budgets.GetUsageAsync(ScopeKind.Tenant, "acme");
        var key = await store.Budgets.GetUsageAsync(ScopeKind.Key, "key_1");
        Assert.Equal(0m, tenant.HeldUsd);
        Assert.Equal(0m, key.HeldUsd);
        Assert.Equal(settled.Sum(), tenant.SpentTodayUsd);
        Assert.Equal(settled.Sum(), key.SpentThisMonthUsd);
        Assert.True(tenant.SpentTodayUsd <= 100 * Hold);
    }

    [Fact]
    public async Task TryReserveAsync_ConcurrentReserveAndSettle_SpentPlusHeldNeverExceedsLimit()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        const decimal Hold = 0.02m;
        const decimal Limit = 100 * Hold;
        BudgetScope[] scopes = [Tenant(daily: Limit), Key(daily: Limit)];
        using var done = new CancellationTokenSource();
        var violations = 0;

        var watcher = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                var usage = await store.Budgets.GetUsageAsync(ScopeKind.Tenant, "acme");
                if (usage.SpentTodayUsd + usage.HeldUsd > Limit)
                {
                    Interlocked.Increment(ref violations);
                }
            }
        });

        var admitted = 0;
        await Parallel.ForAsync(0, 500, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var decision = await store.Budgets.TryReserveAsync(scopes, Hold, ct);
            if (!decision.IsAllowed)
            {
                return;
            }

            Interlocked.Increment(ref admitted);
            await Task.Yield();
            if (i % 10 == 0)
            {
                await store.Budgets.ReleaseAsync(decision.Reservation!, ct);
            }
            else
            {
                await store.Budgets.SettleAsync(decision.Reservation!, Hold * (i % 7) / 7, ct);
            }
        });
        await done.CancelAsync();
        await watcher;

        var final = await store.Budgets.GetUsageAsync(ScopeKind.Tenant, "acme");
        Assert.Equal(0, violations);
        Assert.Equal(0m, final.HeldUsd);
        Assert.True(final.SpentTodayUsd <= Limit);
        Assert.True(admitted >= 100, $"admitted {admitted}");
    }

    [Fact]
    public async Task SettledSpend_AfterRestart_IsLoadedBack()
    {
        using var directory = new TestDirectory();
        var time = new ManualTimeProvider(TestStore.Noon);
        await using (var store = await TestStore.OpenAsync(directory, time))
        {
            var earlier = (await store.Budgets.TryReserveAsync([Tenant(), Key()], 1m)).Reservation!;
            await store.Budgets.SettleAsync(earlier, 0.25m);
            time.Advance(TimeSpan.FromDays(1));
            var today = (await store.Budgets.TryReserveAsync([Tenant(), Key()], 1m)).Reservation!;
            await store.Budgets.SettleAsync(today, 0.5m);
            _ = await store.Budgets.TryReserveAsync([Tenant()], 0.3m); // a hold that dies with the process
        }

        await using var reopened = await TestStore.OpenAsync(directory, time);

        Assert.Equal(new BudgetUsage(0.5m, 0.75m, 0m), await reopened.Budgets.GetUsageAsync(ScopeKind.Tenant, "acme"));
        Assert.Equal(new BudgetUsage(0.5m, 0.75m, 0m), await reopened.Budgets.GetUsageAsync(ScopeKind.Key, "key_1"));
        var denied = await reopened.Budgets.TryReserveAsync([Tenant(daily: 1m)], 0.6m);
        Assert.Equal(0.5m, denied.Denial!.SpentUsd);
    }

    [Fact]
    public async Task SettledSpend_FlushedTwice_IsNotCountedTwice()
    {
        using var directory = new TestDirectory();
        var time = new ManualTimeProvider(TestStore.Noon);
        await using (var store = await TestStore.OpenAsync(directory, time))
        {
            var first = (await store.Budgets.TryReserveAsync([Tenant()], 1m)).Reservation!;
            await store.Budgets.SettleAsync(first, 0.1m);
            await store.Budgets.FlushAsync();
            await store.Budgets.FlushAsync();
            var second = (await store.Budgets.TryReserveAsync([Tenant()], 1m)).Reservation!;
            await store.Budgets.SettleAsync(second, 0.2m);
        }

        await using var reopened = await TestStore.OpenAsync(directory, time);

        Assert.Equal(0.3m, (await reopened.Budgets.GetUsageAsync(ScopeKind.Tenant, "acme")).SpentTodayUsd);
    }

    [Fact]
    public async Task TryReserveAsync_NextUtcDay_StartsDailyWindowOverButKeepsMonth()
    {
        using var directory = new TestDirectory();
        var time = new ManualTimeProvider(new DateTimeOffset(2025, 3, 14, 23, 59, 0, TimeSpan.Zero));
        await using var store = await TestStore.OpenAsync(directory, time);
        var reservation = (await store.Budgets.TryReserveAsync([Tenant(daily: 1m, monthly: 1.5m)], 1m)).Reservation!;
        await store.Budgets.SettleAsync(reservation, 1m);
        Assert.False((await store.Budgets.TryReserveAsync([Tenant(daily: 1m, monthly: 1.5m)], 0.1m)).IsAllowed);

        time.Advance(TimeSpan.FromMinutes(2));

        Assert.True((await store.Budgets.TryReserveAsync([Tenant(daily: 1m, monthly: 1.5m)], 0.4m)).IsAllowed);
        var denial = (await store.Budgets.TryReserveAsync([Tenant(daily: 1m, monthly: 1.5m)], 0.2m)).Denial!;
        Assert.Equal(BudgetWindow.Month, denial.Window);
        Assert.Equal(new BudgetUsage(0m, 1m, 0.4m), await store.Budgets.GetUsageAsync(ScopeKind.Tenant, "acme"));
    }
}
