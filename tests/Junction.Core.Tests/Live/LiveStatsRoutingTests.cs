using Junction.Core.Catalog;
using Junction.Core.Fallback;
using Junction.Core.Live;
using Junction.Core.Policy;
using Junction.Core.Policy.Ast;
using static Junction.Core.Tests.Routing.RoutingFixtures;

namespace Junction.Core.Tests.Live;

/// <summary>Live stats reach routing through a published snapshot, as in the gateway.</summary>
public class LiveStatsRoutingTests
{
    [Fact]
    public void Route_CircuitOpenedByObservedFailures_RejectsTheModelAtTheHostLayer()
    {
        var catalog = new CatalogState(Five());
        var state = new LiveStatsState(new LiveStatsOptions(), new ManualTimeProvider());
        var publisher = new LiveStatsPublisher(catalog, state);
        for (var i = 0; i < 5; i++)
        {
            state.Record("alpha", AttemptObservation.Failure(ErrorKind.ServerError, 50));
        }

        publisher.PublishIfDue();
        var decision = Route(catalog.Current, Tenant(PolicyDocument.Empty));

        var rejection = RejectionOf(decision, "alpha");
        Assert.Equal("host", rejection.Layer);
        Assert.Equal("[\"ne\",\"circuit\",\"open\"]", rejection.Rule);
        Assert.DoesNotContain("alpha", RankedIds(decision));
    }

    [Fact]
    public void Route_FastestAfterAModelGotFaster_PrefersIt()
    {
        var time = new ManualTimeProvider();
        var catalog = new CatalogState(CatalogOf(
            Model("alpha", ttftMs: 300, tokensPerS: 100),
            Model("bravo", ttftMs: 600, tokensPerS: 80)));
        var state = new LiveStatsState(new LiveStatsOptions(), time);
        var publisher = new LiveStatsPublisher(catalog, state);
        var fastest = Tenant(new PolicyDocument { Rank = Strategies.Fastest });
        Assert.Equal("alpha", Route(catalog.Current, fastest).Chosen!.Model.Id);

        for (var i = 0; i < 200; i++)
        {
            state.Record("bravo", AttemptObservation.Success(latencyMs: 900, ttftMs: 120, outputTokens: 256, generationMs: 800));
        }

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(publisher.PublishIfDue());

        Assert.Equal("bravo", Route(catalog.Current, fastest).Chosen!.Model.Id);
    }
}
