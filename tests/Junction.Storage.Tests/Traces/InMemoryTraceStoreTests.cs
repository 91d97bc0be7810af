using System.Text;
using Junction.Storage.Traces;

namespace Junction.Storage.Tests.Traces;

public sealed class InMemoryTraceStoreTests
{
    private static StoredTrace Trace(string id, string tenant) =>
        new(id, tenant, DateTimeOffset.UnixEpoch, Encoding.UTF8.GetBytes($$"""{"trace_id":"{{id}}"}"""));

    [Fact]
    public async Task FindAsync_OwnTenant_ReturnsStoredBytes()
    {
        var store = new InMemoryTraceStore(4);
        await store.AddAsync(Trace("trc_1", "acme"));

        var found = await store.FindAsync("acme", "trc_1");

        Assert.NotNull(found);
        Assert.Equal("""{"trace_id":"trc_1"}""", Encoding.UTF8.GetString(found.Json.Span));
    }

    [Fact]
    public async Task FindAsync_OtherTenant_ReturnsNull()
    {
        var store = new InMemoryTraceStore(4);
        await store.AddAsync(Trace("trc_1", "acme"));

        Assert.Null(await store.FindAsync("globex", "trc_1"));
    }

    [Fact]
    public async Task FindAsync_UnknownId_ReturnsNull()
    {
        var store = new InMemoryTraceStore(4);

        Assert.Null(await store.FindAsync("acme", "trc_missing"));
    }

    [Fact]
    public async Task AddAsync_PastCapacity_EvictsOldestOnly()
    {
        var store = new InMemoryTraceStore(3);
        for (var i = 1; i <= 5; i++)
        {
            await store.AddAsync(Trace($"trc_{i}", "acme"));
        }

        Assert.Equal(3, store.Count);
        Assert.Null(await store.FindAsync("acme", "trc_1"));
        Assert.Null(await store.FindAsync("acme", "trc_2"));
        Assert.NotNull(await store.FindAsync("acme", "trc_3"));
        Assert.NotNull(await store.FindAsync("acme", "trc_5"));
    }

    [Fact]
    public async Task AddAsync_SameIdTwice_KeepsOneSlotWithNewestContent()
    {
        var store = new InMemoryTraceStore(2);
        await store.AddAsync(Trace("trc_1", "acme"));
        await store.AddAsync(new StoredTrace("trc_1", "acme", DateTimeOffset.UnixEpoch, "{}"u8.ToArray()));
        await store.AddAsync(Trace("trc_2", "acme"));

        var first = await store.FindAsync("acme", "trc_1");
        Assert.NotNull(first);
        Assert.Equal("{}", Encoding.UTF8.GetString(first.Json.Span));
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public async Task AddAsync_ConcurrentWriters_NeverExceedsCapacity()
    {
        var store = new InMemoryTraceStore(100);
        await Parallel.ForAsync(0, 2_000, async (i, ct) => await store.AddAsync(Trace($"trc_{i}", "acme"), ct));

        Assert.Equal(100, store.Count);
    }

    [Fact]
    public void Constructor_ZeroCapacity_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryTraceStore(0));
    }
}
