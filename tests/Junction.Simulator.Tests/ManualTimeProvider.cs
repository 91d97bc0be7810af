namespace Junction.Simulator.Tests;

/// <summary>A clock that moves only when a test advances it; timers fire as it passes their due time.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Timers created and not yet fired or disposed.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due = [];
        lock (_gate)
        {
            _now += by;
            foreach (var timer in _timers)
            {
                if (timer.DueAt <= _now)
                {
                    due.Add(timer);
                }
            }
            foreach (var timer in due)
            {
                _timers.Remove(timer);
            }
        }
        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    /// <summary>Waits (in real time, bounded) until the code under test has started a timer.</summary>
    public async Task WaitForTimerAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (PendingTimers == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "No timer was started.");
            await Task.Delay(5);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    DueAt = owner._now + dueTime;
                    owner._timers.Add(this);
                }
            }
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
