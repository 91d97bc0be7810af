using System.Collections.Concurrent;
using Junction.Core.Catalog;

namespace Junction.Core.Live;

/// <summary>
/// Live stats and circuit breakers of every model, fed by the outcome of each provider attempt. Thread-safe:
/// recording takes only the model's own lock for a few arithmetic operations and allocates nothing once the
/// model has been seen. Time comes only from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class LiveStatsState
{
    private readonly ConcurrentDictionary<string, ModelTracker> _trackers = new(StringComparer.Ordinal);
    private readonly LiveStatsSettings _settings;
    private readonly TimeProvider _time;
    private long _circuitVersion;

    /// <exception cref="ArgumentException">The options are invalid (see <see cref="LiveStatsOptions.Validate"/>).</exception>
    public LiveStatsState(LiveStatsOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _settings = new LiveStatsSettings(options, timeProvider.TimestampFrequency);
    }

    /// <summary>
    /// Raised after every circuit transition, outside any lock, on the thread that caused it (a
    /// <see cref="Record"/>, a <see cref="TryAcquireAttempt"/>, or a read that found a cool-down elapsed).
    /// Handlers must be quick and must not throw.
    /// </summary>
    public event EventHandler<CircuitTransition>? CircuitChanged;

    /// <summary>Incremented by every circuit transition; a publisher compares it to know a snapshot is stale.</summary>
    public long CircuitVersion => Interlocked.Read(ref _circuitVersion);

    internal LiveStatsSettings Settings => _settings;

    internal TimeProvider Time => _time;

    /// <summary>Records the outcome of one attempt on <paramref name="modelId"/>, stamped with the clock's current time.</summary>
    public void Record(string modelId, in AttemptObservation observation)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        if (!_trackers.TryGetValue(modelId, out var tracker))
        {
            tracker = _trackers.GetOrAdd(modelId, static (id, settings) => new ModelTracker(id, settings), _settings);
        }

        Report(tracker.Record(observation, _time.GetTimestamp()));
    }

    /// <summary>
    /// Asks to start an attempt on <paramref name="modelId"/>: false when its circuit is open, or half-open with
    /// every probe slot taken. A true answer in half-open holds a probe slot until the attempt is recorded or released.
    /// </summary>
    public bool TryAcquireAttempt(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        if (!_trackers.TryGetValue(modelId, out var tracker))
        {
            return true;
        }

        var admitted = tracker.TryAcquire(_time.GetTimestamp(), out var transition);
        Report(transition);
        return admitted;
    }

    /// <summary>Gives back a probe slot of an attempt that ended without an outcome to record (the caller cancelled).</summary>
    public void ReleaseAttempt(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        if (_trackers.TryGetValue(modelId, out var tracker))
        {
            tracker.Release();
        }
    }

    /// <summary>The circuit of <paramref name="modelId"/> now (an elapsed cool-down reads half-open).</summary>
    public CircuitState GetCircuit(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        if (!_trackers.TryGetValue(modelId, out var tracker))
        {
            return CircuitState.Closed;
        }

        var circuit = tracker.ReadCircuit(_time.GetTimestamp(), out var transition);
        Report(transition);
        return circuit;
    }

    /// <summary>Attempts on <paramref name="modelId"/> whose outcome fed its live stats since start (not decayed); 0 for a model never tried.</summary>
    public long GetSampleCount(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        return _trackers.TryGetValue(modelId, out var tracker) ? tracker.Samples : 0;
    }

    /// <summary>
    /// The live stats of <paramref name="model"/> now, blended with its priors; exactly
    /// <see cref="ModelLiveStats.FromPriors"/> for a model with nothing observed.
    /// </summary>
    public ModelLiveStats GetStats(ModelEntry model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return TryRead(model, _time.GetTimestamp(), out var stats) ? stats : ModelLiveStats.FromPriors(model);
    }

    /// <summary>
    /// <paramref name="snapshot"/>'s static catalog with the live stats of now. Models with nothing observed keep
    /// their priors exactly. Use it to carry live stats onto a freshly loaded catalog before swapping it in.
    /// </summary>
    public CatalogSnapshot Apply(CatalogSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var now = _time.GetTimestamp();
        var stats = new Dictionary<string, ModelLiveStats>(StringComparer.Ordinal);
        foreach (var model in snapshot.Models)
        {
            if (TryRead(model, now, out var live))
            {
                stats.Add(model.Id, live);
            }
        }

        return snapshot.WithStats(stats);
    }

    private bool TryRead(ModelEntry model, long now, out ModelLiveStats stats)
    {
        if (!_trackers.TryGetValue(model.Id, out var tracker))
        {
            stats = default;
            return false;
        }

        var found = tracker.TryRead(model, now, out stats, out var transition);
        Report(transition);
        return found;
    }

    private void Report(CircuitTransition? transition)
    {
        if (transition is not { } change)
        {
            return;
        }

        Interlocked.Increment(ref _circuitVersion);
        CircuitChanged?.Invoke(this, change with { At = _time.GetUtcNow() });
    }
}
