using Junction.Core.Live;
using Junction.Server.Hosting;

namespace Junction.Server.Pipeline;

/// <summary>
/// The gateway's one <see cref="LiveStatsState"/> and its <see cref="LiveStatsPublisher"/>: every attempt is recorded
/// here, and a changed circuit is folded into <c>CatalogState.Current</c> at once, so the next request routes around it.
/// </summary>
internal sealed class LiveStats
{
    public LiveStats(LiveStatsState state, LiveStatsPublisher publisher, ILogger<LiveStats> logger)
    {
        State = state;
        Publisher = publisher;
        state.CircuitChanged += (_, t) => GatewayLog.CircuitChanged(logger, t.ModelId, t.From.ToString(), t.To.ToString(), t.Reason.ToString());
    }

    public LiveStatsState State { get; }

    public LiveStatsPublisher Publisher { get; }

    /// <summary>Records a finished attempt and publishes when due (at once after a circuit change).</summary>
    public void Record(string modelId, in AttemptObservation observation)
    {
        State.Record(modelId, observation);
        Publisher.PublishIfDue();
    }
}

/// <summary>Publishes live stats every second even without traffic, so cool-downs show in routing.</summary>
internal sealed class LiveStatsTimer(LiveStats live, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                live.Publisher.PublishIfDue();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
