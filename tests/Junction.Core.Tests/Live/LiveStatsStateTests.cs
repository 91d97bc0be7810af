using Junction.Core.Catalog;
using Junction.Core.Fallback;
using Junction.Core.Live;
using static Junction.Core.Tests.Live.LiveFixtures;

namespace Junction.Core.Tests.Live;

public class LiveStatsStateTests
{
    [Fact]
    public void GetStats_ModelNeverSeen_ReturnsItsPriorsExactly()
    {
        var (state, _) = NewState();
        var model = Model(latencyMs: 873.25, ttftMs: 211.5, tokensPerS: 93.7, availability: 0.987);

        Assert.Equal(ModelLiveStats.FromPriors(model), state.GetStats(model));
    }

    [Fact]
    public void Apply_OnlyOtherModelsSeen_KeepsPriorsOfTheUnseenExactly()
    {
        var (state, _) = NewState();
        var seen = Model("alpha");
        var unseen = Model("bravo", latencyMs: 1234.5, availability: 0.95);
        RecordMany(state, "alpha", Ok(200), 50);

        var snapshot = state.Apply(CatalogOf(seen, unseen));

        Assert.True(snapshot.TryGetIndex("bravo", out var index));
        Assert.Equal(ModelLiveStats.FromPriors(unseen), snapshot.Stats[index]);
    }

    [Theory]
    [InlineData(ErrorKind.ClientError)]
    [InlineData(ErrorKind.ContextLength)]
    [InlineData(ErrorKind.Auth)]
    public void Record_CallerOrConfigurationErrors_CountTowardNothing(ErrorKind kind)
    {
        var (state, _) = NewState();
        var model = Model();

        RecordMany(state, model.Id, Fail(kind), 50);

        Assert.Equal(ModelLiveStats.FromPriors(model), state.GetStats(model));
        Assert.Equal(CircuitState.Closed, state.GetCircuit(model.Id));
    }

    [Fact]
    public void Record_OneObservation_StaysCloseToThePrior()
    {
        var (state, _) = NewState(new LiveStatsOptions { PriorWeight = 10 });
        var model = Model(latencyMs: 1000);

        state.Record(model.Id, Ok(400));

        // Weighted geometric mean: the prior counts for 10 observations, the one sample for 1.
        var expected = Math.Exp(((10 * Math.Log(1000)) + Math.Log(400)) / 11);
        Assert.Equal(expected, state.GetStats(model).LatencyP50Ms, precision: 6);
    }

    [Fact]
    public void Record_ManyObservations_LatencyConvergesToTheObservedMedian()
    {
        var (state, _) = NewState();
        var model = Model(latencyMs: 1000);

        for (var i = 0; i < 300; i++)
        {
            state.Record(model.Id, Ok(i % 2 == 0 ? 380 : 420));
        }

        Assert.InRange(state.GetStats(model).LatencyP50Ms, 380, 430);
    }

    [Fact]
    public void Record_LatencyDrops_EstimateFollowsTheNewLevel()
    {
        var (state, _) = NewState();
        var model = Model(latencyMs: 1000);
        RecordMany(state, model.Id, Ok(800), 200);

        RecordMany(state, model.Id, Ok(300), 100);

        Assert.InRange(state.GetStats(model).LatencyP50Ms, 300, 315);
    }

    [Fact]
    public void Record_OneTenSecondSpike_BarelyMovesTheMedian()
    {
        var (state, _) = NewState();
        var model = Model(latencyMs: 500);
        for (var i = 0; i < 300; i++)
        {
            state.Record(model.Id, Ok(i % 2 == 0 ? 480 : 520));
        }

        var before = state.GetStats(model).LatencyP50Ms;
        state.Record(model.Id, Ok(10_000));

        Assert.InRange(state.GetStats(model).LatencyP50Ms / before, 1, 1.03);
    }

    [Fact]
    public void Record_StreamedSuccesses_UpdateTtftAndTokensPerSecond()
    {
        var (state, _) = NewState(new LiveStatsOptions { PriorWeight = 10 });
        var model = Model(ttftMs: 300, tokensPerS: 80);

        RecordMany(state, model.Id, Ok(2200, ttftMs: 120, tokens: 200, generationMs: 2000), 100);

        var stats = state.GetStats(model);
        Assert.InRange(stats.TtftP50Ms, 120, 132);
        Assert.Equal(((10 * 80) + (100 * 100.0)) / 110, stats.TokensPerS, precision: 9);
    }

    [Fact]
    public void Record_ShortOutputs_GiveNoThroughputSample()
    {
        var (state, _) = NewState();
        var model = Model(tokensPerS: 80);

        RecordMany(state, model.Id, Ok(100, ttftMs: 50, tokens: 3, generationMs: 10), 100);

        Assert.Equal(80, state.GetStats(model).TokensPerS);
    }

    [Fact]
    public void Record_Failures_LowerAvailabilityThenSuccessesRaiseIt()
    {
        var (state, _) = NewState(new LiveStatsOptions { PriorWeight = 10 });
        var model = Model(availability: 0.99);

        RecordMany(state, model.Id, Fail(ErrorKind.RateLimited), 30);
        var low = state.GetStats(model);
        RecordMany(state, model.Id, Ok(), 270);
        var recovered = state.GetStats(model);

        Assert.Equal(9.9 / 40, low.Availability, precision: 12);
        Assert.Equal(1 - low.Availability, low.ErrorRate, precision: 12);
        Assert.Equal((9.9 + 270) / 310, recovered.Availability, precision: 12);
    }

    [Fact]
    public void Record_ServerErrors_LowerAvailabilityAsWellAsOpeningTheCircuit()
    {
        var (state, _) = NewState(new LiveStatsOptions { PriorWeight = 10 });
        var model = Model(availability: 0.99);

        RecordMany(state, model.Id, Fail(ErrorKind.ServerError), 10);

        Assert.Equal(9.9 / 20, state.GetStats(model).Availability, precision: 12);
    }

    [Fact]
    public void GetStats_LongIdleAfterFailures_DriftsBackToThePrior()
    {
        var (state, time) = NewState(new LiveStatsOptions { HalfLife = TimeSpan.FromMinutes(5) });
        var model = Model(availability: 0.99);
        RecordMany(state, model.Id, Fail(ErrorKind.RateLimited), 100);

        time.Advance(TimeSpan.FromMinutes(60));

        Assert.InRange(state.GetStats(model).Availability, 0.97, 0.99);
    }

    [Fact]
    public void GetStats_OneHalfLifeLater_OldObservationsCountHalf()
    {
        var (state, time) = NewState(new LiveStatsOptions { PriorWeight = 10, HalfLife = TimeSpan.FromMinutes(5) });
        var model = Model(availability: 1);
        RecordMany(state, model.Id, Fail(ErrorKind.RateLimited), 20);

        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(10.0 / 20, state.GetStats(model).Availability, precision: 9);
    }

    [Fact]
    public void Record_QuotaExhausted_OpensTheCircuitWithoutLoweringAvailability()
    {
        var (state, time) = NewState(new LiveStatsOptions { QuotaCoolDown = TimeSpan.FromMinutes(5) });
        var model = Model(availability: 0.99);

        state.Record(model.Id, Fail(ErrorKind.QuotaExhausted));

        var stats = state.GetStats(model);
        Assert.Equal(0.99, stats.Availability);
        Assert.Equal(CircuitState.Open, stats.Circuit);
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(state.TryAcquireAttempt(model.Id));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(state.TryAcquireAttempt(model.Id));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        var options = new LiveStatsOptions { HalfLife = TimeSpan.Zero, FailureRateToOpen = 1.5 };

        var error = Assert.Throws<ArgumentException>(() => new LiveStatsState(options, new ManualTimeProvider()));

        Assert.Contains("HalfLife", error.Message, StringComparison.Ordinal);
        Assert.Contains("FailureRateToOpen", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_AreValid()
    {
        Assert.Empty(new LiveStatsOptions().Validate());
    }
}
