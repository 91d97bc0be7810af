using System.Text;
using Junction.Storage.RequestLogs;
using Junction.Storage.Tests.Infrastructure;

namespace Junction.Storage.Tests.RequestLogs;

public sealed class RequestLogTests
{
    [Fact]
    public async Task WriteAsync_ThenFlushAndGet_RoundTripsEveryField()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        var record = RequestLogRecords.Make("req_1", tags: ["checkout", "eu"]) with
        {
            ErrorKind = "rate_limited",
            DenialReason = "none",
            RequestBody = Encoding.UTF8.GetBytes("""{"messages":[]}"""),
            ResponseBody = Encoding.UTF8.GetBytes("""{"choices":[]}"""),
        };

        Assert.True(await store.RequestLog.WriteAsync(record));
        await store.RequestLog.FlushAsync();
        var read = await store.RequestLogs.GetAsync("acme", "req_1");

        Assert.NotNull(read);
        Assert.Equal(record.Tags, read.Tags);
        Assert.Equal("""{"trace_id":"trc_x"}""", Encoding.UTF8.GetString(read.TraceJson!.Value.Span));
        Assert.Equal("""{"messages":[]}""", Encoding.UTF8.GetString(read.RequestBody!.Value.Span));
        Assert.Equal("""{"choices":[]}""", Encoding.UTF8.GetString(read.ResponseBody!.Value.Span));
        Assert.Equal(
            record with { Tags = read.Tags, TraceJson = null, RequestBody = null, ResponseBody = null },
            read with { TraceJson = null, RequestBody = null, ResponseBody = null });
        Assert.Equal(1, store.RequestLog.Stats.Written);
    }

    [Fact]
    public async Task WriteAsync_NonAsciiAndQuotedText_RoundTripsExactly()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        var record = RequestLogRecords.Make("req_ü", model: "modèle-\"β\"", tags: ["café", "tab\there", "emoji 🚀", "\\"]) with
        {
            KeyId = null,
            ErrorKind = "délai",
            LatencyMs = null,
            ActualCostUsd = null,
        };

        Assert.True(await store.RequestLog.WriteAsync(record));
        await store.RequestLog.FlushAsync();
        var read = await store.RequestLogs.GetAsync("acme", "req_ü");

        Assert.NotNull(read);
        Assert.Equal(record.Tags, read.Tags);
        Assert.Equal((record.Model, record.ErrorKind, record.KeyId, record.LatencyMs, record.ActualCostUsd), (read.Model, read.ErrorKind, read.KeyId, read.LatencyMs, read.ActualCostUsd));
    }

    [Fact]
    public async Task WriteAsync_EmptyTextAndBody_AreStoredEmptyNotNull()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        var record = RequestLogRecords.Make("req_1") with { KeyId = "", PolicyFingerprint = "", RequestBody = Array.Empty<byte>() };

        Assert.True(await store.RequestLog.WriteAsync(record));
        await store.RequestLog.FlushAsync();
        var read = await store.RequestLogs.GetAsync("acme", "req_1");

        Assert.Equal(1, store.RequestLog.Stats.Written);
        Assert.Equal(("", ""), (read!.KeyId, read.PolicyFingerprint));
        Assert.Equal(0, read.RequestBody!.Value.Length);
    }

    [Fact]
    public async Task WriteAsync_Trace_IsStoredCompressedAndReadBackWhole()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        var rejections = string.Join(",", Enumerable.Range(0, 40).Select(i =>
            $$"""{"model":"model-{{i}}","provider":"anthropic","layer":"host:credentials","rule":"[\"nin\",\"provider\",[\"anthropic\"]]","actual":"anthropic"}"""));
        var trace = $$"""{"trace_id":"trc_x","rejected":[{{rejections}}]}""";
        await store.RequestLog.WriteAsync(RequestLogRecords.Make("req_1") with { TraceJson = Encoding.UTF8.GetBytes(trace) });
        await store.RequestLog.FlushAsync();

        var read = await store.RequestLogs.GetAsync("acme", "req_1");
        var storedLength = (long)(await RawSql.ScalarAsync(directory.DatabasePath, "SELECT length(trace_brotli) FROM request_log_payloads;"))!;

        Assert.Equal(trace, Encoding.UTF8.GetString(read!.TraceJson!.Value.Span));
        Assert.True(storedLength * 8 < trace.Length, $"{storedLength} bytes stored for a {trace.Length}-byte trace");
        Assert.Equal(1L, await RawSql.ScalarAsync(directory.DatabasePath, "SELECT trace_json IS NULL FROM request_log_payloads;"));
    }

    [Fact]
    public async Task GetAsync_RowFromBeforeCompression_ReadsItsTextTrace()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.RequestLog.WriteAsync(RequestLogRecords.Make("req_1") with { TraceJson = null, RequestBody = Encoding.UTF8.GetBytes("{}") });
        await store.RequestLog.FlushAsync();
        await RawSql.ExecuteAsync(directory.DatabasePath, """UPDATE request_log_payloads SET trace_json = '{"trace_id":"trc_old"}';""");

        var read = await store.RequestLogs.GetAsync("acme", "req_1");

        Assert.Equal("""{"trace_id":"trc_old"}""", Encoding.UTF8.GetString(read!.TraceJson!.Value.Span));
    }

    [Fact]
    public async Task GetAsync_OtherTenantsRecord_ReturnsNull()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.RequestLog.WriteAsync(RequestLogRecords.Make("req_1", tenant: "acme"));
        await store.RequestLog.FlushAsync();

        Assert.Null(await store.RequestLogs.GetAsync("globex", "req_1"));
        Assert.Empty((await store.RequestLogs.SearchAsync(new RequestLogQuery { TenantId = "globex" })).Value!.Items);
    }

    [Fact]
    public async Task WriteAsync_WithoutBodies_KeepsNoBodies()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.RequestLog.WriteAsync(RequestLogRecords.Make("req_1") with { TraceJson = null });
        await store.RequestLog.FlushAsync();

        var read = await store.RequestLogs.GetAsync("acme", "req_1");

        Assert.Null(read!.RequestBody);
        Assert.Null(read.ResponseBody);
        Assert.Null(read.TraceJson);
        Assert.Equal(0L, await RawSql.ScalarAsync(directory.DatabasePath, "SELECT COUNT(*) FROM request_log_payloads;"));
    }

    [Fact]
    public async Task SearchAsync_Filters_MatchOnlyWhatTheyName()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.RequestLog.WriteAsync(RequestLogRecords.Make("a", model: "gpt-4.1-mini", tags: ["batch"]));
        await store.RequestLog.WriteAsync(RequestLogRecords.Make("b", model: "claude-sonnet-4-5", at: TestStore.Noon.AddMinutes(1)));
        await store.RequestLog.WriteAsync(RequestLogRecords.Make("c", model: "gpt-4.1-mini", at: TestStore.Noon.AddMinutes(2)) with { Outcome = RequestOutcome.Failed, HttpStatus = 502, KeyId = "key_2" });
        await store.RequestLog.WriteAsync(RequestLogRecords.Make("d", tenant: "globex"));
        await store.RequestLog.FlushAsync();

        async Task<string[]> Ids(RequestLogQuery query) => [.. (await store.RequestLogs.SearchAsync(query)).Value!.Items.Select(r => r.Id)];

        Assert.Equal(["c", "b", "a"], await Ids(new RequestLogQuery { TenantId = "acme" }));
        Assert.Equal(["c", "a"], await Ids(new RequestLogQuery { TenantId = "acme", Model = "gpt-4.1-mini" }));
        Assert.Equal(["b"], await Ids(new RequestLogQuery { TenantId = "acme", Provider = "anthropic" }));
        Assert.Equal(["c"], await Ids(new RequestLogQuery { TenantId = "acme", Outcome = RequestOutcome.Failed }));
        Assert.Equal(["c"], await Ids(new RequestLogQuery { TenantId = "acme", KeyId = "key_2" }));
        Assert.Equal(["a"], await Ids(new RequestLogQuery { TenantId = "acme", Tag = "batch" }));
        Assert.Equal(["b"], await Ids(new RequestLogQuery { TenantId = "acme", From = TestStore.Noon.AddMinutes(1), To = TestStore.Noon.AddMinutes(2) }));
    }

    [Fact]
    public async Task SearchAsync_Paging_VisitsEveryRecordOnceNewestFirst()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        for (var i = 0; i < 25; i++)
        {
            // Pairs share a millisecond, so the cursor must break ties.
            await store.RequestLog.WriteAsync(RequestLogRecords.Make($"r{i:D2}", at: TestStore.Noon.AddSeconds(i / 2)));
        }

        await store.RequestLog.FlushAsync();

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = (await store.RequestLogs.SearchAsync(new RequestLogQuery { TenantId = "acme", Limit = 7, Cursor = cursor })).Value!;
            seen.AddRange(page.Items.Select(r => r.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(4, pages);
        Assert.Equal(Enumerable.Range(0, 25).Reverse().Select(i => $"r{i:D2}"), seen);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(501, null)]
    [InlineData(10, "garbage")]
    public async Task SearchAsync_BadLimitOrCursor_ReturnsInvalid(int limit, string? cursor)
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);

        var result = await store.RequestLogs.SearchAsync(new RequestLogQuery { TenantId = "acme", Limit = limit, Cursor = cursor });

        Assert.Equal(StoreStatus.Invalid, result.Status);
    }

    [Fact]
    public async Task WriteAsync_DuplicateId_KeepsFirstAndCountsFailure()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.RequestLog.WriteAsync(RequestLogRecords.Make("req_1", model: "first"));
        await store.RequestLog.WriteAsync(RequestLogRecords.Make("req_1", model: "second"));
        await store.RequestLog.FlushAsync();

        Assert.Equal("first", (await store.RequestLogs.GetAsync("acme", "req_1"))!.Model);
        Assert.Equal(new RequestLogWriterStats(2, 1, 0, 1, 0), store.RequestLog.Stats);
    }

    [Fact]
    public async Task DisposeAsync_QueuedRecords_AreDrainedToTheDatabase()
    {
        using var directory = new TestDirectory();
        await using (var store = await TestStore.OpenAsync(directory))
        {
            for (var i = 0; i < 2000; i++)
            {
                Assert.True(await store.RequestLog.WriteAsync(RequestLogRecords.Make($"r{i}")));
            }
        }

        Assert.Equal(2000L, await RawSql.ScalarAsync(directory.DatabasePath, "SELECT COUNT(*) FROM request_log;"));
    }

    [Fact]
    public async Task WriteAsync_AfterDrain_IsRefusedAndCounted()
    {
        using var directory = new TestDirectory();
        await using var store = await TestStore.OpenAsync(directory);
        await store.RequestLog.DrainAsync();

        Assert.False(await store.RequestLog.WriteAsync(RequestLogRecords.Make("late")));
        Assert.Equal(1, store.RequestLog.Stats.Dropped);
    }
}
