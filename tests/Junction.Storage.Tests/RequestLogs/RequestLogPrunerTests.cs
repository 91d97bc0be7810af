using System.Text;
using Junction.Storage.Database;
using Junction.Storage.RequestLogs;
using Junction.Storage.Tests.Infrastructure;

namespace Junction.Storage.Tests.RequestLogs;

public sealed class RequestLogPrunerTests
{
    [Fact]
    public async Task PruneRequestLogAsync_DeletesOlderRecordsWithTheirPayloads_KeepsNewer()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        var body = Encoding.UTF8.GetBytes("""{"messages":[]}""");
        await store.RequestLog.WriteAsync(RequestLogRecords.Make("old_1", at: TestStore.Noon.AddDays(-100)) with { RequestBody = body });
        await store.RequestLog.WriteAsync(RequestLogRecords.Make("old_2", at: TestStore.Noon.AddDays(-91)));
        await store.RequestLog.WriteAsync(RequestLogRecords.Make("new_1", at: TestStore.Noon.AddDays(-89)) with { RequestBody = body });
        await store.RequestLog.FlushAsync();

        var deleted = await store.PruneRequestLogAsync(TestStore.Noon.AddDays(-90));

        Assert.Equal(2, deleted);
        Assert.Null(await store.RequestLogs.GetAsync("acme", "old_1"));
        Assert.Null(await store.RequestLogs.GetAsync("acme", "old_2"));
        Assert.NotNull((await store.RequestLogs.GetAsync("acme", "new_1"))!.RequestBody);
        Assert.Equal(1L, await RawSql.ScalarAsync(directory.DatabasePath, "SELECT COUNT(*) FROM request_log;"));
        Assert.Equal(1L, await RawSql.ScalarAsync(directory.DatabasePath, "SELECT COUNT(*) FROM request_log_payloads;"));
    }

    [Fact]
    public async Task PruneAsync_MoreThanOneBatch_DeletesEveryOlderRecord()
    {
        using var directory = new TestDirectory();
        await using (var store = await TestStore.OpenAsync(directory))
        {
            for (var i = 0; i < 5; i++)
            {
                await store.RequestLog.WriteAsync(RequestLogRecords.Make($"old_{i}", at: TestStore.Noon.AddDays(-10).AddMinutes(i)));
            }

            await store.RequestLog.WriteAsync(RequestLogRecords.Make("new", at: TestStore.Noon));
        }

        await using var pruner = new RequestLogPruner(new SqliteDatabase(directory.DatabasePath, TimeSpan.FromSeconds(5)), TimeSpan.Zero, TimeProvider.System);

        Assert.Equal(5, await pruner.PruneAsync(TestStore.Noon.AddDays(-1), batchSize: 2));
        Assert.Equal(0, await pruner.PruneAsync(TestStore.Noon.AddDays(-1), batchSize: 2));
        Assert.Equal(1L, await RawSql.ScalarAsync(directory.DatabasePath, "SELECT COUNT(*) FROM request_log;"));
    }
}
