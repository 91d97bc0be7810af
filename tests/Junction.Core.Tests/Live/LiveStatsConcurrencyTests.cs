using Junction.Core.Fallback;
using Junction.Core.Live;
using static Junction.Core.Tests.Live.LiveFixtures;

namespace Junction.Core.Tests.Live;

public class LiveStatsConcurrencyTests
{
    [Fact]
    public void Record_ManyThreadsAtOnce_EveryObservationCounts()
    {
        const int Threads = 8;
        const int PerThread = 5_000;
        var (state, _) = NewState(new LiveStatsOptions { PriorWeight = 10 });
        var model = Model(availability: 0.99);
        var success = Ok(300);
        var limited = Fail(ErrorKind.RateLimited);

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                state.Record(model.Id, success);
                state.Record(model.Id, limited);
            }
        });

        // The clock did not move, so nothing decayed: the sums are exact counts.
        const double Successes = Threads * PerThread;
        Assert.Equal((9.9 + Successes) / (10 + (2 * Successes)), state.GetStats(model).Availability, precision: 12);
    }

    [Fact]
    public void Record_SteadyState_AllocatesNothing()
    {
        var (state, time) = NewState();
        var success = Ok(300, ttftMs: 90, tokens: 120, generationMs: 1500);
        var failure = Fail(ErrorKind.RateLimited);
        state.Record("alpha", success);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(3));
            state.Record("alpha", success);
            state.Record("alpha", failure);
            state.TryAcquireAttempt("alpha");
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
