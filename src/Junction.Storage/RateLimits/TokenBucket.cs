namespace Junction.Storage.RateLimits;

/// <summary>
/// A bucket of <see cref="Capacity"/> units that refills continuously at <see cref="Capacity"/> per minute:
/// a burst of a whole minute's limit is allowed from full, and a steady rate at the limit never waits.
/// Not thread-safe: its owner locks.
/// </summary>
internal struct TokenBucket
{
    private static readonly double TicksPerMinute = TimeSpan.TicksPerMinute;

    public long Capacity;
    public double Available;
    private long _lastTicks;

    /// <summary>
    /// Brings the bucket to <paramref name="nowTicks"/>, then to the current limit: a new bucket starts full,
    /// a raised limit adds the difference, a lowered one caps what is left.
    /// </summary>
    public void Refill(long capacity, long nowTicks)
    {
        var elapsed = nowTicks - _lastTicks;
        if (Capacity > 0 && elapsed > 0)
        {
            Available = Math.Min(Capacity, Available + (elapsed * Capacity / TicksPerMinute));
        }

        _lastTicks = Math.Max(_lastTicks, nowTicks);
        if (capacity != Capacity)
        {
            Available = Capacity == 0 ? capacity : capacity > Capacity ? Available + (capacity - Capacity) : Math.Min(Available, capacity);
            Capacity = capacity;
        }
    }

    /// <summary>How long until <paramref name="amount"/> is available.</summary>
    public readonly TimeSpan WaitFor(long amount) =>
        amount <= Available ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Ceiling((amount - Available) * TicksPerMinute / Capacity));

    public readonly RateLimitCounters Counters() => new(
        Capacity,
        Math.Max(0, (long)Math.Floor(Available)),
        TimeSpan.FromTicks((long)Math.Ceiling((Capacity - Available) * TicksPerMinute / Capacity)));
}
