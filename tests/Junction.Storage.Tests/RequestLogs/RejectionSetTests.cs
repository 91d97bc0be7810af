using System.Text;
using Junction.Core.Routing;
using Junction.Core.Routing.Trace;
using Junction.Storage;
using Junction.Storage.Tests.Infrastructure;

namespace Junction.Storage.Tests.RequestLogs;

/// <summary>A trace whose rejection list is shared is stored without it; the list is one row, and reads put it back.</summary>
public sealed class RejectionSetTests
{
    private static readonly Rejection[] Shared = [.. Enumerable.Range(0, 30).Select(i =>
        new Rejection($"model-{i}", "anthropic", "tenant:acme", "[\"in\",\"provider\",[\"openai\"]]", "\"anthropic\""))];

    [Fact]
    public async Task WriteAsync_TracesSharingTheirRejections_StoreTheListOnceAndReadBackWhole()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        var first = Trace("trc_1", Shared);
        var second = Trace("trc_2", Shared);
        await store.RequestLog.WriteAsync(Record("req_1", first));
        await store.RequestLog.FlushAsync();
        await store.RequestLog.WriteAsync(Record("req_2", second));
        await store.RequestLog.FlushAsync();

        Assert.Equal(TraceJson.Serialize(first), await ReadTraceAsync(store, "req_1"));
        Assert.Equal(TraceJson.Serialize(second), await ReadTraceAsync(store, "req_2"));
        Assert.Equal(1L, await RawSql.ScalarAsync(directory.DatabasePath, "SELECT COUNT(*) FROM trace_rejection_sets;"));
        Assert.Equal(2L, await RawSql.ScalarAsync(directory.DatabasePath,
            "SELECT COUNT(*) FROM request_log_payloads WHERE rejection_set = (SELECT id FROM trace_rejection_sets);"));

        // The same trace stored whole is larger by the list it carries.
        await store.RequestLog.WriteAsync(Record("req_3", Trace("trc_2", [.. Shared], shared: false)));
        await store.RequestLog.FlushAsync();
        var sizes = await RawSql.ScalarAsync(directory.DatabasePath,
            "SELECT group_concat(length(trace_brotli), ',') FROM (SELECT trace_brotli FROM request_log_payloads ORDER BY request_seq);");
        var lengths = ((string)sizes!).Split(',').Select(int.Parse).ToArray();
        Assert.True(lengths[1] < lengths[2], $"shared {lengths[1]} bytes, whole {lengths[2]} bytes");
    }

    [Fact]
    public async Task WriteAsync_SharedEmptyList_IsStoredAndReadBack()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        var trace = Trace("trc_1", []);
        await store.RequestLog.WriteAsync(Record("req_1", trace));
        await store.RequestLog.FlushAsync();

        Assert.Equal(1, store.RequestLog.Stats.Written);
        Assert.Equal(TraceJson.Serialize(trace), await ReadTraceAsync(store, "req_1"));
    }

    [Fact]
    public async Task WriteAsync_UnsharedRejections_StayInTheTrace()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        var trace = Trace("trc_1", [.. Shared], shared: false);
        await store.RequestLog.WriteAsync(Record("req_1", trace));
        await store.RequestLog.FlushAsync();

        Assert.Equal(TraceJson.Serialize(trace), await ReadTraceAsync(store, "req_1"));
        Assert.Equal(0L, await RawSql.ScalarAsync(directory.DatabasePath, "SELECT COUNT(*) FROM trace_rejection_sets;"));
    }

    [Fact]
    public async Task PruneRequestLogAsync_DeletesSetsNoTraceNamesKeepsTheOthers()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        Rejection[] other = [Shared[0] with { Model = "other" }];
        await store.RequestLog.WriteAsync(Record("old", Trace("trc_old", other), TestStore.Noon.AddDays(-100)));
        await store.RequestLog.WriteAsync(Record("old_shared", Trace("trc_old_shared", Shared), TestStore.Noon.AddDays(-100)));
        await store.RequestLog.WriteAsync(Record("new", Trace("trc_new", Shared), TestStore.Noon));
        await store.RequestLog.FlushAsync();
        Assert.Equal(2L, await RawSql.ScalarAsync(directory.DatabasePath, "SELECT COUNT(*) FROM trace_rejection_sets;"));

        await store.PruneRequestLogAsync(TestStore.Noon.AddDays(-90));

        Assert.Equal(1L, await RawSql.ScalarAsync(directory.DatabasePath, "SELECT COUNT(*) FROM trace_rejection_sets;"));
        Assert.Equal(TraceJson.Serialize(Trace("trc_new", Shared)), await ReadTraceAsync(store, "new"));
    }

    [Fact]
    public async Task WriteAsync_AfterThePrunerDeletedTheSet_StoresItAgainWithTheRecord()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.RequestLog.WriteAsync(Record("old", Trace("trc_old", Shared), TestStore.Noon.AddDays(-100)));
        await store.RequestLog.FlushAsync();
        await store.PruneRequestLogAsync(TestStore.Noon.AddDays(-90));
        Assert.Equal(0L, await RawSql.ScalarAsync(directory.DatabasePath, "SELECT COUNT(*) FROM trace_rejection_sets;"));

        // The same shared list again (the writer has seen it before): the set must come back with the record.
        var trace = Trace("trc_new", Shared);
        await store.RequestLog.WriteAsync(Record("new", trace));
        await store.RequestLog.FlushAsync();

        Assert.Equal(TraceJson.Serialize(trace), await ReadTraceAsync(store, "new"));
    }

    private static RouteTrace Trace(string id, IReadOnlyList<Rejection> rejected, bool shared = true) => new()
    {
        TraceId = id,
        Policy = new TracePolicy("pol_1", "junction-pol/v1", [new TraceLayer("tenant:acme", "pol_1")]),
        Catalog = new TraceCatalog("cat_1", 42),
        Request = new TraceRequest(120, 64, []),
        Rejected = rejected,
        RejectedShared = shared,
        Ranked = [new TraceCandidate("gpt-4.1-mini", "openai", 0.9, 0.0001, 420)],
        Chosen = new TraceChoice("gpt-4.1-mini", "openai", null),
        Cost = new TraceCost(0.0001, 0.00009),
        Timings = new TraceTimings(12.5, 30.25),
    };

    private static Junction.Storage.RequestLogs.RequestLogRecord Record(string id, RouteTrace trace, DateTimeOffset? at = null) =>
        RequestLogRecords.Make(id, at: at) with { TraceJson = null, AttemptsJson = null, Trace = trace };

    private static async Task<string?> ReadTraceAsync(EmbeddedStore store, string id) =>
        (await store.RequestLogs.GetAsync("acme", id))?.TraceJson is { } json ? Encoding.UTF8.GetString(json.Span) : null;
}
