using Junction.Storage.RequestLogs;
using Junction.Storage.Spend;
using Junction.Storage.Tests.Infrastructure;
using Junction.Storage.Tests.RequestLogs;

namespace Junction.Storage.Tests.Spend;

public sealed class SqliteOverviewReportsTests
{
    private static readonly DateTimeOffset Day = new(TestStore.Noon.Date, TimeSpan.Zero);

    [Fact]
    public async Task GetAsync_TwentyRequests_NearestRankPercentilesTotalsAndZeroFilledHours()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        for (var i = 1; i <= 20; i++)
        {
            // Latencies 10, 20, ..., 200 ms at 02:xx; ttft only on the first five.
            var record = RequestLogRecords.Make($"r{i}", at: Day.AddHours(2).AddMinutes(i), cost: 0.01m) with
            {
                LatencyMs = 10 * i,
                TtftMs = i <= 5 ? i : null,
                Outcome = i == 20 ? RequestOutcome.Failed : RequestOutcome.Succeeded,
            };
            await store.RequestLog.WriteAsync(record);
        }

        await store.RequestLog.WriteAsync(RequestLogRecords.Make("other", tenant: "globex", at: Day.AddHours(1), cost: 1m));
        await store.RequestLog.FlushAsync();

        var overview = (await store.Overview.GetAsync(new OverviewQuery
        {
            TenantId = "acme", From = Day, To = Day.AddHours(4), Bucket = OverviewBucket.Hour, By = OverviewDimension.Model,
        })).Value!;

        var totals = overview.Totals;
        Assert.Equal(20, totals.Requests);
        Assert.Equal(1, totals.Errors);
        Assert.Equal(0.20m, totals.SpendUsd);
        Assert.Equal(2000, totals.PromptTokens);
        Assert.Equal(100.0, totals.LatencyP50Ms); // rank ceil(0.50 * 20) = 10
        Assert.Equal(190.0, totals.LatencyP95Ms); // rank ceil(0.95 * 20) = 19
        Assert.Equal(3.0, totals.TtftP50Ms); // of 1..5: rank 3
        Assert.Equal(5.0, totals.TtftP95Ms);
        var series = Assert.Single(overview.Series);
        Assert.Equal("gpt-4.1-mini", series.Name);
        Assert.Equal([0L, 0L, 20L, 0L], series.Points.Select(p => p.Requests));
        Assert.Equal([Day, Day.AddHours(1), Day.AddHours(2), Day.AddHours(3)], series.Points.Select(p => p.Start));
        Assert.Equal(0.20m, series.Points[2].SpendUsd);
        var model = Assert.Single(overview.TopModels);
        Assert.Equal(("gpt-4.1-mini", "openai", 20L), (model.Model, model.Provider, model.Requests));
    }

    [Fact]
    public async Task GetAsync_MoreTenantsThanSeries_SumsTheRestIntoOther()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        for (var i = 1; i <= 4; i++)
        {
            await store.RequestLog.WriteAsync(RequestLogRecords.Make($"r{i}", tenant: $"t{i}", at: Day.AddHours(1), cost: i));
        }

        await store.RequestLog.FlushAsync();

        var overview = (await store.Overview.GetAsync(new OverviewQuery { From = Day, To = Day.AddDays(2), MaxSeries = 3 })).Value!;

        Assert.Equal(["t4", "t3", UsageOverview.OtherSeries], overview.Series.Select(s => s.Name));
        Assert.Equal([3m, 0m], overview.Series[2].Points.Select(p => p.SpendUsd));
        Assert.Equal([2L, 0L], overview.Series[2].Points.Select(p => p.Requests));
    }

    [Fact]
    public async Task GetAsync_EmptyLogOrBadRange_NullPercentilesOrInvalid()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);

        var empty = (await store.Overview.GetAsync(new OverviewQuery { From = Day, To = Day.AddDays(1) })).Value!;
        var backwards = await store.Overview.GetAsync(new OverviewQuery { From = Day, To = Day });
        var tooLong = await store.Overview.GetAsync(new OverviewQuery { From = Day, To = Day.AddDays(32), Bucket = OverviewBucket.Hour });

        Assert.Equal(0, empty.Totals.Requests);
        Assert.Null(empty.Totals.LatencyP50Ms);
        Assert.Empty(empty.Series);
        Assert.Equal(StoreStatus.Invalid, backwards.Status);
        Assert.Equal(StoreStatus.Invalid, tooLong.Status);
    }
}
