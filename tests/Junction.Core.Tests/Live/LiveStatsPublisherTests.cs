using Junction.Core.Catalog;
using Junction.Core.Fallback;
using Junction.Core.Live;
using static Junction.Core.Tests.Live.LiveFixtures;

namespace Junction.Core.Tests.Live;

public class LiveStatsPublisherTests
{
    [Fact]
    public void Publish_AfterTraffic_SnapshotCarriesTheStatsAndCircuits()
    {
        var (state, _) = NewState();
        var alpha = Model("alpha", latencyMs: 1000);
        var bravo = Model("bravo", latencyMs: 700);
        var charlie = Model("charlie");
        var catalog = new CatalogState(CatalogOf(alpha, bravo, charlie));
        RecordMany(state, "alpha", Ok(400, ttftMs: 100, tokens: 100, generationMs: 1000), 50);
        RecordMany(state, "bravo", Fail(ErrorKind.Overloaded), 5);

        Assert.True(new LiveStatsPublisher(catalog, state).Publish());

        var snapshot = catalog.Current;
        Assert.Equal(state.GetStats(alpha), Stats(snapshot, "alpha"));
        Assert.True(Stats(snapshot, "alpha").LatencyP50Ms < 600);
        Assert.Equal(CircuitState.Open, Stats(snapshot, "bravo").Circuit);
        Assert.Equal(ModelLiveStats.FromPriors(charlie), Stats(snapshot, "charlie"));
    }

    [Fact]
    public void PublishIfDue_WithinTheInterval_DoesNotPublishNewStats()
    {
        var (state, time) = NewState(new LiveStatsOptions { PublishInterval = TimeSpan.FromSeconds(1) });
        var model = Model(latencyMs: 1000);
        var catalog = new CatalogState(CatalogOf(model));
        var publisher = new LiveStatsPublisher(catalog, state);
        Assert.True(publisher.PublishIfDue());
        var published = catalog.Current;

        RecordMany(state, model.Id, Ok(300), 50);
        time.Advance(TimeSpan.FromMilliseconds(999));

        Assert.False(publisher.PublishIfDue());
        Assert.Same(published, catalog.Current);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(publisher.PublishIfDue());
        Assert.Equal(state.GetStats(model), Stats(catalog.Current, model.Id));
    }

    [Fact]
    public void PublishIfDue_CircuitOpenedWithinTheInterval_PublishesAtOnce()
    {
        var (state, _) = NewState();
        var model = Model();
        var catalog = new CatalogState(CatalogOf(model));
        var publisher = new LiveStatsPublisher(catalog, state);
        publisher.PublishIfDue();

        RecordMany(state, model.Id, Fail(), 5);

        Assert.True(publisher.PublishIfDue());
        Assert.Equal(CircuitState.Open, Stats(catalog.Current, model.Id).Circuit);
        Assert.False(publisher.PublishIfDue());
    }

    [Fact]
    public void PublishIfDue_CoolDownElapsedWithoutTraffic_PublishesHalfOpen()
    {
        var (state, time) = NewState();
        var model = Model();
        var catalog = new CatalogState(CatalogOf(model));
        var publisher = new LiveStatsPublisher(catalog, state);
        var transitions = Transitions(state);
        RecordMany(state, model.Id, Fail(), 5);
        publisher.PublishIfDue();

        time.Advance(TimeSpan.FromSeconds(30));

        Assert.True(publisher.PublishIfDue());
        Assert.Equal(CircuitState.HalfOpen, Stats(catalog.Current, model.Id).Circuit);
        Assert.Equal(CircuitReason.CoolDownElapsed, transitions[^1].Reason);
    }

    [Fact]
    public void Publish_AfterACatalogReload_KeepsTheReloadedCatalog()
    {
        var (state, _) = NewState();
        var catalog = new CatalogState(CatalogOf(Model("alpha")));
        var publisher = new LiveStatsPublisher(catalog, state);
        RecordMany(state, "alpha", Ok(200), 20);
        publisher.Publish();
        var reloaded = new CatalogSnapshot("cat_111111111111", [Model("alpha"), Model("delta")]);

        catalog.Swap(reloaded);
        publisher.Publish();

        Assert.Equal("cat_111111111111", catalog.Current.Version);
        Assert.Equal(2, catalog.Current.Models.Length);
        Assert.Equal(state.GetStats(Model("alpha")), Stats(catalog.Current, "alpha"));
    }

    [Fact]
    public void TrySwap_AnotherWriterSwappedFirst_LeavesTheirSnapshot()
    {
        var first = CatalogOf(Model("alpha"));
        var reloaded = CatalogOf(Model("bravo"));
        var catalog = new CatalogState(first);
        catalog.Swap(reloaded);

        Assert.False(catalog.TrySwap(first, CatalogOf(Model("charlie"))));
        Assert.Same(reloaded, catalog.Current);
    }

    private static ModelLiveStats Stats(CatalogSnapshot snapshot, string id)
    {
        Assert.True(snapshot.TryGetIndex(id, out var index));
        return snapshot.Stats[index];
    }
}
