using Junction.Core.Catalog;

namespace Junction.Core.Live;

/// <summary>
/// Swaps snapshots carrying the current live stats into a <see cref="CatalogState"/>: at most once per
/// <see cref="LiveStatsOptions.PublishInterval"/>, and at once after any circuit transition. Thread-safe; callers
/// that find a publication already running return without waiting.
/// </summary>
public sealed class LiveStatsPublisher
{
    private readonly CatalogState _catalog;
    private readonly LiveStatsState _stats;
    private readonly long _intervalTicks;
    private long _publishedAt;
    private long _publishedCircuitVersion;
    private int _publishing;

    public LiveStatsPublisher(CatalogState catalog, LiveStatsState stats)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stats);
        _catalog = catalog;
        _stats = stats;
        _intervalTicks = stats.Settings.PublishIntervalTicks;

        // The first call publishes: nothing guarantees the catalog in the state carries current stats.
        _publishedAt = stats.Time.GetTimestamp() - _intervalTicks;
        _publishedCircuitVersion = -1;
    }

    /// <summary>
    /// Publishes when a circuit changed since the last publication or the interval has passed; otherwise returns
    /// false after two reads. Cheap enough to call after every <see cref="LiveStatsState.Record"/> and from a timer.
    /// </summary>
    public bool PublishIfDue()
    {
        var now = _stats.Time.GetTimestamp();
        if (Volatile.Read(ref _publishedCircuitVersion) == _stats.CircuitVersion
            && now - Volatile.Read(ref _publishedAt) < _intervalTicks)
        {
            return false;
        }

        return TryPublish(now);
    }

    /// <summary>Publishes now, whatever the interval; false only when another thread is publishing at this moment.</summary>
    public bool Publish() => TryPublish(_stats.Time.GetTimestamp());

    private bool TryPublish(long now)
    {
        if (Interlocked.CompareExchange(ref _publishing, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            // Read before building: a transition racing with the build bumps the version past this one, so the
            // next call publishes again rather than missing it.
            var version = _stats.CircuitVersion;
            CatalogSnapshot current;
            do
            {
                current = _catalog.Current;
            }
            while (!_catalog.TrySwap(current, _stats.Apply(current)));

            Volatile.Write(ref _publishedAt, now);
            Volatile.Write(ref _publishedCircuitVersion, version);
            return true;
        }
        finally
        {
            Volatile.Write(ref _publishing, 0);
        }
    }
}
