namespace Junction.Core.Live;

/// <summary>Validated <see cref="LiveStatsOptions"/> converted once into the clock's timestamp units.</summary>
internal sealed class LiveStatsSettings
{
    public LiveStatsSettings(LiveStatsOptions options, long timestampFrequency)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid live stats options: " + string.Join("; ", errors), nameof(options));
        }

        Frequency = timestampFrequency;
        HalfLifeTicks = Ticks(options.HalfLife);
        PriorWeight = options.PriorWeight;
        ConsecutiveFailuresToOpen = options.ConsecutiveFailuresToOpen;
        FailureRateToOpen = options.FailureRateToOpen;
        MinimumVolume = options.MinimumVolume;
        OpenCoolDown = options.OpenCoolDown;
        CoolDownBackoff = options.CoolDownBackoff;
        MaxOpenCoolDown = options.MaxOpenCoolDown;
        QuotaCoolDown = options.QuotaCoolDown;
        HalfOpenProbes = options.HalfOpenProbes;
        ProbeLeaseTicks = Ticks(options.ProbeLease);
        MinThroughputTokens = options.MinThroughputTokens;
        PublishIntervalTicks = Ticks(options.PublishInterval);
    }

    public long Frequency { get; }

    public double HalfLifeTicks { get; }

    public double PriorWeight { get; }

    public int ConsecutiveFailuresToOpen { get; }

    public double FailureRateToOpen { get; }

    public double MinimumVolume { get; }

    public TimeSpan OpenCoolDown { get; }

    public double CoolDownBackoff { get; }

    public TimeSpan MaxOpenCoolDown { get; }

    public TimeSpan QuotaCoolDown { get; }

    public int HalfOpenProbes { get; }

    public long ProbeLeaseTicks { get; }

    public int MinThroughputTokens { get; }

    public long PublishIntervalTicks { get; }

    public long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Frequency);

    /// <summary>The cool-down after the <paramref name="reopens"/>-th failed probe in a row (0: first opening).</summary>
    public TimeSpan CoolDownAfter(int reopens)
    {
        var seconds = OpenCoolDown.TotalSeconds * Math.Pow(CoolDownBackoff, reopens);
        return seconds >= MaxOpenCoolDown.TotalSeconds ? MaxOpenCoolDown : TimeSpan.FromSeconds(seconds);
    }
}
