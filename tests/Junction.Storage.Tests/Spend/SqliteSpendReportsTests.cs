using Junction.Storage.Spend;
using Junction.Storage.Tests.Infrastructure;
using Junction.Storage.Tests.RequestLogs;

namespace Junction.Storage.Tests.Spend;

public sealed class SqliteSpendReportsTests
{
    private static async Task<EmbeddedStore> SeededAsync(TestDirectory directory)
    {
        var store = await TestStore.OpenAsync(directory);
        var day1 = TestStore.Noon;
        var day2 = TestStore.Noon.AddDays(1);
        await store.RequestLog.WriteAsync(RequestLogRecords.Make("a", at: day1, model: "gpt-4.1-mini", cost: 0.001m, tags: ["checkout"]));
        await store.RequestLog.WriteAsync(RequestLogRecords.Make("b", at: day1, model: "claude-sonnet-4-5", cost: 0.01m, tags: ["checkout", "eu"]));
        await store.RequestLog.WriteAsync(RequestLogRecords.Make("c", at: day2, model: "gpt-4.1-mini", cost: 0.002m));
        await store.RequestLog.WriteAsync(RequestLogRecords.Make("d", tenant: "globex", at: day2, cost: 1m));
        await store.RequestLog.WriteAsync(RequestLogRecords.Make("e", at: day2.AddDays(5), cost: 5m)); // outside the range
        await store.RequestLog.FlushAsync();
        return store;
    }

    private static SpendQuery Range(string? tenant, SpendGrouping groupBy) => new()
    {
        TenantId = tenant,
        From = TestStore.Noon.Date,
        To = TestStore.Noon.Date.AddDays(2),
        GroupBy = groupBy,
    };

    [Fact]
    public async Task GetAsync_NoGrouping_TotalsTheTenantInRange()
    {
        using var directory = new TestDirectory();
        await using var store = await SeededAsync(directory);

        var row = Assert.Single(await store.Spend.GetAsync(Range("acme", SpendGrouping.None)));

        Assert.Equal(3, row.Requests);
        Assert.Equal(0.013m, row.CostUsd);
        Assert.Equal(0.026m, row.EstimatedCostUsd);
        Assert.Equal(300, row.PromptTokens);
        Assert.Equal(60, row.CompletionTokens);
        Assert.Equal(30, row.CachedTokens);
        Assert.Null(row.Model);
    }

    [Fact]
    public async Task GetAsync_ByDayAndModel_BreaksDownInOrder()
    {
        using var directory = new TestDirectory();
        await using var store = await SeededAsync(directory);

        var rows = await store.Spend.GetAsync(Range("acme", SpendGrouping.Day | SpendGrouping.Model));

        Assert.Equal(
            [(new DateOnly(2025, 3, 14), "claude-sonnet-4-5", 0.01m), (new DateOnly(2025, 3, 14), "gpt-4.1-mini", 0.001m), (new DateOnly(2025, 3, 15), "gpt-4.1-mini", 0.002m)],
            rows.Select(r => (r.Day!.Value, r.Model!, r.CostUsd)));
    }

    [Fact]
    public async Task GetAsync_ByTag_CountsARequestUnderEachOfItsTags()
    {
        using var directory = new TestDirectory();
        await using var store = await SeededAsync(directory);

        var rows = await store.Spend.GetAsync(Range("acme", SpendGrouping.Tag));

        Assert.Equal([(null, 1L, 0.002m), ("checkout", 2L, 0.011m), ("eu", 1L, 0.01m)], rows.Select(r => (r.Tag, r.Requests, r.CostUsd)));
    }

    [Fact]
    public async Task GetAsync_AllTenantsByTenant_SplitsPerTenant()
    {
        using var directory = new TestDirectory();
        await using var store = await SeededAsync(directory);

        var rows = await store.Spend.GetAsync(Range(null, SpendGrouping.Tenant | SpendGrouping.Provider));

        Assert.Equal(
            [("acme", "anthropic", 0.01m), ("acme", "openai", 0.003m), ("globex", "openai", 1m)],
            rows.Select(r => (r.TenantId!, r.Provider!, r.CostUsd)));
    }

    [Fact]
    public async Task GetAsync_EmptyRange_ReturnsNoRows()
    {
        using var directory = new TestDirectory();
        await using var store = await SeededAsync(directory);

        var rows = await store.Spend.GetAsync(new SpendQuery { From = TestStore.Noon.AddYears(-1), To = TestStore.Noon.AddYears(-1).AddDays(1) });

        Assert.Empty(rows);
    }
}
