using Junction.Core.Catalog;
using Junction.Core.Fallback;
using Junction.Core.Live;
using static Junction.Core.Tests.Live.LiveFixtures;

namespace Junction.Core.Tests.Live;

public class CircuitBreakerTests
{
    private const string Id = "alpha";

    [Fact]
    public void Record_ConsecutiveFailuresReachThreshold_OpensTheCircuit()
    {
        var (state, _) = NewState(new LiveStatsOptions { ConsecutiveFailuresToOpen = 5 });
        var transitions = Transitions(state);

        RecordMany(state, Id, Fail(ErrorKind.Timeout), 4);
        Assert.Equal(CircuitState.Closed, state.GetCircuit(Id));
        state.Record(Id, Fail(ErrorKind.Connect));

        Assert.Equal(CircuitState.Open, state.GetCircuit(Id));
        var opened = Assert.Single(transitions);
        Assert.Equal((Id, CircuitState.Closed, CircuitState.Open, CircuitReason.ConsecutiveFailures), (opened.ModelId, opened.From, opened.To, opened.Reason));
        Assert.Equal(TimeSpan.FromSeconds(30), opened.CoolDown);
    }

    [Fact]
    public void Record_SuccessBetweenFailures_RestartsTheStreak()
    {
        var (state, _) = NewState(new LiveStatsOptions { ConsecutiveFailuresToOpen = 5 });

        RecordMany(state, Id, Fail(), 4);
        state.Record(Id, Ok());
        RecordMany(state, Id, Fail(ErrorKind.Overloaded), 4);

        Assert.Equal(CircuitState.Closed, state.GetCircuit(Id));
    }

    [Fact]
    public void Record_RateLimited_NeverOpensTheCircuit()
    {
        var (state, _) = NewState();

        RecordMany(state, Id, Fail(ErrorKind.RateLimited), 100);

        Assert.Equal(CircuitState.Closed, state.GetCircuit(Id));
        Assert.True(state.TryAcquireAttempt(Id));
    }

    [Fact]
    public void Record_FailureRateOverMinimumVolume_OpensTheCircuit()
    {
        var (state, _) = NewState(new LiveStatsOptions { FailureRateToOpen = 0.5, MinimumVolume = 20, ConsecutiveFailuresToOpen = 5 });
        var transitions = Transitions(state);

        // fail, fail, ok, ...: two in a row at most, 2/3 failing.
        for (var i = 0; i < 19; i++)
        {
            state.Record(Id, i % 3 == 2 ? Ok() : Fail());
        }

        Assert.Equal(CircuitState.Closed, state.GetCircuit(Id));
        state.Record(Id, Fail());

        Assert.Equal(CircuitState.Open, state.GetCircuit(Id));
        Assert.Equal(CircuitReason.FailureRate, Assert.Single(transitions).Reason);
    }

    [Fact]
    public void Record_FailureRateBelowThreshold_KeepsTheCircuitClosed()
    {
        var (state, _) = NewState(new LiveStatsOptions { FailureRateToOpen = 0.5, MinimumVolume = 20 });

        for (var i = 0; i < 200; i++)
        {
            state.Record(Id, i % 5 == 0 ? Fail() : Ok());
        }

        Assert.Equal(CircuitState.Closed, state.GetCircuit(Id));
    }

    [Fact]
    public void TryAcquireAttempt_OpenCircuit_RejectsUntilTheCoolDownElapses()
    {
        var (state, time) = NewState(new LiveStatsOptions { OpenCoolDown = TimeSpan.FromSeconds(30) });
        var transitions = Transitions(state);
        RecordMany(state, Id, Fail(), 5);

        Assert.False(state.TryAcquireAttempt(Id));
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(state.TryAcquireAttempt(Id));
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(state.TryAcquireAttempt(Id));
        Assert.Equal(CircuitState.HalfOpen, state.GetCircuit(Id));
        var halfOpened = transitions[^1];
        Assert.Equal((CircuitState.Open, CircuitState.HalfOpen, CircuitReason.CoolDownElapsed), (halfOpened.From, halfOpened.To, halfOpened.Reason));
        Assert.Equal(time.GetUtcNow(), halfOpened.At);
    }

    [Fact]
    public void TryAcquireAttempt_HalfOpen_AdmitsExactlyOneProbeAmongConcurrentCallers()
    {
        var (state, time) = NewState(new LiveStatsOptions { HalfOpenProbes = 1 });
        RecordMany(state, Id, Fail(), 5);
        time.Advance(TimeSpan.FromSeconds(30));
        var admitted = 0;

        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            if (state.TryAcquireAttempt(Id))
            {
                Interlocked.Increment(ref admitted);
            }
        });

        Assert.Equal(1, admitted);
    }

    [Fact]
    public void Record_ProbeSucceeds_ClosesTheCircuit()
    {
        var (state, time) = NewState();
        var transitions = Transitions(state);
        RecordMany(state, Id, Fail(), 5);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(state.TryAcquireAttempt(Id));

        state.Record(Id, Ok());

        Assert.Equal(CircuitState.Closed, state.GetCircuit(Id));
        Assert.Equal(CircuitReason.ProbeSucceeded, transitions[^1].Reason);
        Assert.True(state.TryAcquireAttempt(Id));
        Assert.True(state.TryAcquireAttempt(Id));
    }

    [Fact]
    public void Record_ProbeFails_ReopensWithABackedOffCoolDownUpToTheCap()
    {
        var options = new LiveStatsOptions
        {
            OpenCoolDown = TimeSpan.FromSeconds(30),
            CoolDownBackoff = 2,
            MaxOpenCoolDown = TimeSpan.FromMinutes(5),
        };
        var (state, time) = NewState(options);
        var transitions = Transitions(state);
        RecordMany(state, Id, Fail(), 5);
        var coolDowns = new List<double> { transitions[^1].CoolDown!.Value.TotalSeconds };

        for (var i = 0; i < 5; i++)
        {
            time.Advance(transitions[^1].CoolDown!.Value);
            Assert.True(state.TryAcquireAttempt(Id));
            state.Record(Id, Fail(ErrorKind.Timeout));
            Assert.Equal(CircuitReason.ProbeFailed, transitions[^1].Reason);
            coolDowns.Add(transitions[^1].CoolDown!.Value.TotalSeconds);
        }

        Assert.Equal([30, 60, 120, 240, 300, 300], coolDowns);
        time.Advance(TimeSpan.FromSeconds(299));
        Assert.False(state.TryAcquireAttempt(Id));
    }

    [Fact]
    public void Record_ClosedAfterBackOff_NextOpeningStartsFromTheBaseCoolDown()
    {
        var (state, time) = NewState();
        var transitions = Transitions(state);
        RecordMany(state, Id, Fail(), 5);
        time.Advance(TimeSpan.FromSeconds(30));
        state.TryAcquireAttempt(Id);
        state.Record(Id, Fail());
        time.Advance(TimeSpan.FromSeconds(60));
        state.TryAcquireAttempt(Id);
        state.Record(Id, Ok());

        RecordMany(state, Id, Fail(), 5);

        Assert.Equal(TimeSpan.FromSeconds(30), transitions[^1].CoolDown);
    }

    [Fact]
    public void Record_ProbeClosesCircuit_OldFailuresDoNotReopenIt()
    {
        var (state, time) = NewState(new LiveStatsOptions { MinimumVolume = 20, FailureRateToOpen = 0.5 });
        for (var i = 0; i < 19; i++)
        {
            state.Record(Id, i % 3 == 2 ? Ok() : Fail());
        }

        state.Record(Id, Fail());
        time.Advance(TimeSpan.FromSeconds(30));
        state.TryAcquireAttempt(Id);
        state.Record(Id, Ok());

        state.Record(Id, Fail());

        Assert.Equal(CircuitState.Closed, state.GetCircuit(Id));
    }

    [Fact]
    public void ReleaseAttempt_ProbeAbandoned_FreesTheSlot()
    {
        var (state, time) = NewState();
        RecordMany(state, Id, Fail(), 5);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(state.TryAcquireAttempt(Id));
        Assert.False(state.TryAcquireAttempt(Id));

        state.ReleaseAttempt(Id);

        Assert.True(state.TryAcquireAttempt(Id));
    }

    [Theory]
    [InlineData(ErrorKind.ClientError)]
    [InlineData(ErrorKind.RateLimited)]
    public void Record_ProbeEndsWithoutAVerdict_StaysHalfOpenAndFreesTheSlot(ErrorKind kind)
    {
        var (state, time) = NewState();
        RecordMany(state, Id, Fail(), 5);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(state.TryAcquireAttempt(Id));

        state.Record(Id, Fail(kind));

        Assert.Equal(CircuitState.HalfOpen, state.GetCircuit(Id));
        Assert.True(state.TryAcquireAttempt(Id));
    }

    [Fact]
    public void TryAcquireAttempt_ProbeNeverReports_SlotIsReclaimedAfterTheLease()
    {
        var (state, time) = NewState(new LiveStatsOptions { ProbeLease = TimeSpan.FromMinutes(2) });
        RecordMany(state, Id, Fail(), 5);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(state.TryAcquireAttempt(Id));

        time.Advance(TimeSpan.FromSeconds(119));
        Assert.False(state.TryAcquireAttempt(Id));
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(state.TryAcquireAttempt(Id));
    }

    [Fact]
    public void TryAcquireAttempt_ModelNeverSeen_IsAdmitted()
    {
        var (state, _) = NewState();

        Assert.True(state.TryAcquireAttempt("never-seen"));
        Assert.Equal(CircuitState.Closed, state.GetCircuit("never-seen"));
    }

    [Fact]
    public void Record_FailuresWhileOpen_DoNotExtendTheCoolDown()
    {
        var (state, time) = NewState();
        RecordMany(state, Id, Fail(), 5);
        time.Advance(TimeSpan.FromSeconds(20));

        RecordMany(state, Id, Fail(), 10);
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(state.TryAcquireAttempt(Id));
    }
}
