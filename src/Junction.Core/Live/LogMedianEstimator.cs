namespace Junction.Core.Live;

/// <summary>
/// A streaming median in O(1) space: a deterministic frugal-2U estimator run on the logarithm of the values.
/// Each observation moves the estimate one step toward it, never past it, so one outlier moves it by at most
/// a step however far out it lies. The step grows by a quarter while observations keep falling on the same side
/// (a real shift is followed within a few dozen observations) and halves when they alternate (steady state
/// settles). Working in logs makes the step relative: 1% of 50 ms and of 30 s alike. The constants trade tracking
/// speed against steady-state jitter; docs/live-stats.md gives the simulation behind them.
/// </summary>
internal struct LogMedianEstimator
{
    /// <summary>Step after the first observation, in natural-log units (about 5%).</summary>
    public const double InitialStep = 0.05;

    /// <summary>Smallest step, about 1%: the jitter left at steady state.</summary>
    public const double MinStep = 0.01;

    /// <summary>Largest step, about 28%: how far one observation can move the estimate.</summary>
    public const double MaxStep = 0.25;

    /// <summary>Growth of the step per observation on the same side as the last one.</summary>
    public const double Growth = 1.25;

    // Values are clamped here so a 0 ms reading (a cached or simulated answer) has a finite log.
    private const double Floor = 0.1;

    private double _log;
    private double _step;
    private int _direction;

    /// <summary>True once a value was added.</summary>
    public bool HasValue { get; private set; }

    /// <summary>The estimate's natural logarithm; meaningful only when <see cref="HasValue"/>.</summary>
    public readonly double Log => _log;

    /// <summary>The estimated median.</summary>
    public readonly double Value => Math.Exp(_log);

    public void Add(double value)
    {
        var y = Math.Log(Math.Max(value, Floor));
        if (!HasValue)
        {
            _log = y;
            _step = InitialStep;
            HasValue = true;
            return;
        }

        var distance = y - _log;
        if (distance == 0)
        {
            return;
        }

        var direction = distance > 0 ? 1 : -1;
        _step = direction == _direction ? Math.Min(_step * Growth, MaxStep) : Math.Max(_step / 2, MinStep);
        _direction = direction;
        _log += direction * Math.Min(_step, Math.Abs(distance));
    }
}
