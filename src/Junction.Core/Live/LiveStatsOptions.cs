namespace Junction.Core.Live;

/// <summary>
/// How live stats are estimated and when a model's circuit opens; bound from configuration
/// (<c>Junction:LiveStats</c>). The defaults are the documented ones (docs/live-stats.md).
/// </summary>
public sealed class LiveStatsOptions
{
    /// <summary>
    /// Time for an observation's weight to halve. Decay is by time, not by count, so a busy model tracks the
    /// last few minutes and an idle one drifts back to its catalog prior instead of keeping a verdict forever.
    /// </summary>
    public TimeSpan HalfLife { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many observations the catalog prior counts for when blended with what was observed.</summary>
    public double PriorWeight { get; set; } = 10;

    /// <summary>Circuit-opening failures in a row that open a closed circuit.</summary>
    public int ConsecutiveFailuresToOpen { get; set; } = 5;

    /// <summary>Decayed share of circuit-opening failures (0..1] that opens a closed circuit, given <see cref="MinimumVolume"/>.</summary>
    public double FailureRateToOpen { get; set; } = 0.5;

    /// <summary>Decayed number of attempts since the circuit last closed below which the failure rate is not trusted.</summary>
    public double MinimumVolume { get; set; } = 20;

    /// <summary>How long a circuit stays open the first time before it lets a probe through.</summary>
    public TimeSpan OpenCoolDown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Each failed probe multiplies the previous cool-down by this (exponential back-off).</summary>
    public double CoolDownBackoff { get; set; } = 2;

    /// <summary>The longest cool-down back-off can reach.</summary>
    public TimeSpan MaxOpenCoolDown { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Cool-down after a <c>quota_exhausted</c> answer: an account out of quota does not recover in seconds.</summary>
    public TimeSpan QuotaCoolDown { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts a half-open circuit admits at once.</summary>
    public int HalfOpenProbes { get; set; } = 1;

    /// <summary>How long a probe may hold its half-open slot without reporting before the slot is reclaimed.</summary>
    public TimeSpan ProbeLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Fewest output tokens for an attempt to give a <c>tokens_per_s</c> sample; shorter ones are mostly noise.</summary>
    public int MinThroughputTokens { get; set; } = 16;

    /// <summary>Least time between two published snapshots, unless a circuit changed state.</summary>
    public TimeSpan PublishInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>What is wrong with these options; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Positive(errors, nameof(HalfLife), HalfLife);
        Positive(errors, nameof(OpenCoolDown), OpenCoolDown);
        Positive(errors, nameof(QuotaCoolDown), QuotaCoolDown);
        Positive(errors, nameof(ProbeLease), ProbeLease);
        if (PublishInterval < TimeSpan.Zero)
        {
            errors.Add($"{nameof(PublishInterval)} must not be negative");
        }

        if (MaxOpenCoolDown < OpenCoolDown)
        {
            errors.Add($"{nameof(MaxOpenCoolDown)} must be at least {nameof(OpenCoolDown)}");
        }

        if (!(PriorWeight >= 0) || double.IsInfinity(PriorWeight))
        {
            errors.Add($"{nameof(PriorWeight)} must be a finite number >= 0");
        }

        if (ConsecutiveFailuresToOpen < 1)
        {
            errors.Add($"{nameof(ConsecutiveFailuresToOpen)} must be >= 1");
        }

        if (!(FailureRateToOpen > 0 && FailureRateToOpen <= 1))
        {
            errors.Add($"{nameof(FailureRateToOpen)} must be in (0, 1]");
        }

        if (!(MinimumVolume >= 1) || double.IsInfinity(MinimumVolume))
        {
            errors.Add($"{nameof(MinimumVolume)} must be a finite number >= 1");
        }

        if (!(CoolDownBackoff >= 1) || double.IsInfinity(CoolDownBackoff))
        {
            errors.Add($"{nameof(CoolDownBackoff)} must be a finite number >= 1");
        }

        if (HalfOpenProbes < 1)
        {
            errors.Add($"{nameof(HalfOpenProbes)} must be >= 1");
        }

        if (MinThroughputTokens < 1)
        {
            errors.Add($"{nameof(MinThroughputTokens)} must be >= 1");
        }

        return errors;
    }

    private static void Positive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{name} must be positive");
        }
    }
}
