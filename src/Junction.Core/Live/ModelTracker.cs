using Junction.Core.Catalog;

namespace Junction.Core.Live;

/// <summary>
/// One model's decayed observations and circuit breaker. Every member takes the tracker's own lock for a few
/// arithmetic operations, so models never contend with each other; a closed circuit is read without the lock.
/// </summary>
internal sealed class ModelTracker(string modelId, LiveStatsSettings settings)
{
    private readonly Lock _lock = new();

    // Decayed sums, all scaled by the same factor at each update: weights of observations halve every half-life.
    private long _decayedAt;
    private double _healthWeight;
    private double _successWeight;
    private double _latencyWeight;
    private double _ttftWeight;
    private double _rateWeight;
    private double _rateSum;
    private LogMedianEstimator _latency;
    private LogMedianEstimator _ttft;
    private bool _observed;
    private long _samples;

    // The breaker's own window restarts at every transition, so failures that opened the circuit cannot
    // reopen it the moment a probe closes it.
    private int _circuit;
    private int _consecutiveFailures;
    private double _windowTotal;
    private double _windowFailures;
    private long _openUntil;
    private int _failedProbes;
    private int _probesInFlight;
    private long _probeLeaseUntil;

    public string ModelId => modelId;

    /// <summary>The stored state; an open circuit past its cool-down still reads open until something looks at it under the lock.</summary>
    public CircuitState StoredCircuit => (CircuitState)Volatile.Read(ref _circuit);

    /// <summary>Attempts whose outcome fed the stats since start (successes and health failures), not decayed.</summary>
    public long Samples => Interlocked.Read(ref _samples);

    public CircuitTransition? Record(in AttemptObservation observation, long now)
    {
        CircuitTransition? transition = null;
        lock (_lock)
        {
            Decay(now);
            switch (FailureEffects.Of(observation.Error))
            {
                case FailureEffect.None:
                    AddSuccess(observation);
                    Interlocked.Increment(ref _samples);
                    transition = OnSuccess();
                    break;
                case FailureEffect.Availability:
                    _observed = true;
                    _healthWeight += 1;
                    Interlocked.Increment(ref _samples);
                    ReleaseProbe();
                    break;
                case FailureEffect.Circuit:
                    _observed = true;
                    _healthWeight += 1;
                    Interlocked.Increment(ref _samples);
                    transition = OnFailure(now);
                    break;
                case FailureEffect.Quota:
                    transition = Open(CircuitReason.QuotaExhausted, settings.QuotaCoolDown, now);
                    break;
                default:
                    ReleaseProbe();
                    break;
            }
        }

        return transition;
    }

    public bool TryAcquire(long now, out CircuitTransition? transition)
    {
        transition = null;
        if (Volatile.Read(ref _circuit) == (int)CircuitState.Closed)
        {
            return true;
        }

        lock (_lock)
        {
            transition = HalfOpenIfDue(now);
            switch ((CircuitState)_circuit)
            {
                case CircuitState.Closed:
                    return true;
                case CircuitState.Open:
                    return false;
            }

            // A probe that never reported (a crash, a lost cancellation) must not hold the only slot forever.
            if (_probesInFlight >= settings.HalfOpenProbes && now >= _probeLeaseUntil)
            {
                _probesInFlight = 0;
            }

            if (_probesInFlight >= settings.HalfOpenProbes)
            {
                return false;
            }

            _probesInFlight++;
            _probeLeaseUntil = now + settings.ProbeLeaseTicks;
            return true;
        }
    }

    public void Release()
    {
        lock (_lock)
        {
            ReleaseProbe();
        }
    }

    public CircuitState ReadCircuit(long now, out CircuitTransition? transition)
    {
        lock (_lock)
        {
            transition = HalfOpenIfDue(now);
            return (CircuitState)_circuit;
        }
    }

    /// <summary>The model's live stats now, blended with its priors; false when nothing was observed and the circuit is closed.</summary>
    public bool TryRead(ModelEntry prior, long now, out ModelLiveStats stats, out CircuitTransition? transition)
    {
        lock (_lock)
        {
            transition = HalfOpenIfDue(now);
            var circuit = (CircuitState)_circuit;
            if (!_observed && circuit == CircuitState.Closed)
            {
                stats = default;
                return false;
            }

            Decay(now);
            var n0 = settings.PriorWeight;
            var availability = (n0 * prior.Availability + _successWeight) / (n0 + _healthWeight);
            if (double.IsNaN(availability))
            {
                availability = prior.Availability;
            }

            stats = new ModelLiveStats(
                Blend(prior.LatencyP50Ms, _latency, _latencyWeight, n0),
                Blend(prior.TtftP50Ms, _ttft, _ttftWeight, n0),
                _rateWeight > 0 ? (n0 * prior.TokensPerS + _rateSum) / (n0 + _rateWeight) : prior.TokensPerS,
                availability,
                1 - availability,
                circuit);
            return true;
        }
    }

    // The observed median shrunk toward the prior by confidence: a weighted geometric mean, the prior counting
    // for n0 observations. Few or old observations leave the prior in charge.
    private static double Blend(double prior, in LogMedianEstimator estimate, double weight, double n0)
    {
        if (!estimate.HasValue || weight <= 0)
        {
            return prior;
        }

        return n0 > 0 ? Math.Exp(((n0 * Math.Log(prior)) + (weight * estimate.Log)) / (n0 + weight)) : estimate.Value;
    }

    private void Decay(long now)
    {
        var elapsed = now - _decayedAt;
        _decayedAt = now;
        if (elapsed <= 0 || (!_observed && _windowTotal == 0))
        {
            return;
        }

        var factor = double.Exp2(-elapsed / settings.HalfLifeTicks);
        _healthWeight *= factor;
        _successWeight *= factor;
        _latencyWeight *= factor;
        _ttftWeight *= factor;
        _rateWeight *= factor;
        _rateSum *= factor;
        _windowTotal *= factor;
        _windowFailures *= factor;
    }

    private void AddSuccess(in AttemptObservation observation)
    {
        _observed = true;
        _healthWeight += 1;
        _successWeight += 1;
        if (observation.LatencyMs > 0 && double.IsFinite(observation.LatencyMs))
        {
            _latency.Add(observation.LatencyMs);
            _latencyWeight += 1;
        }

        if (observation.TtftMs is > 0 and var ttft && double.IsFinite(ttft))
        {
            _ttft.Add(ttft);
            _ttftWeight += 1;
        }

        if (observation.OutputTokens >= settings.MinThroughputTokens && observation.GenerationMs is > 0 and var generation
            && double.IsFinite(generation))
        {
            _rateSum += observation.OutputTokens * 1000.0 / generation;
            _rateWeight += 1;
        }
    }

    private CircuitTransition? OnSuccess()
    {
        _consecutiveFailures = 0;
        _windowTotal += 1;
        return (CircuitState)_circuit == CircuitState.HalfOpen
            ? Transition(CircuitState.Closed, CircuitReason.ProbeSucceeded, coolDown: null)
            : null;
    }

    private CircuitTransition? OnFailure(long now)
    {
        _consecutiveFailures++;
        _windowTotal += 1;
        _windowFailures += 1;
        switch ((CircuitState)_circuit)
        {
            case CircuitState.HalfOpen:
                _failedProbes++;
                return Open(CircuitReason.ProbeFailed, settings.CoolDownAfter(_failedProbes), now);
            case CircuitState.Closed when _consecutiveFailures >= settings.ConsecutiveFailuresToOpen:
                return Open(CircuitReason.ConsecutiveFailures, settings.CoolDownAfter(0), now);
            case CircuitState.Closed when _windowTotal >= settings.MinimumVolume && _windowFailures >= settings.FailureRateToOpen * _windowTotal:
                return Open(CircuitReason.FailureRate, settings.CoolDownAfter(0), now);
            default:
                return null;
        }
    }

    private CircuitTransition? Open(CircuitReason reason, TimeSpan coolDown, long now)
    {
        var until = now + settings.Ticks(coolDown);
        if ((CircuitState)_circuit == CircuitState.Open)
        {
            // Already open (a quota answer from an attempt admitted before it opened): only ever lengthen.
            _openUntil = Math.Max(_openUntil, until);
            return null;
        }

        _openUntil = until;
        return Transition(CircuitState.Open, reason, coolDown);
    }

    private CircuitTransition? HalfOpenIfDue(long now) =>
        (CircuitState)_circuit == CircuitState.Open && now >= _openUntil
            ? Transition(CircuitState.HalfOpen, CircuitReason.CoolDownElapsed, coolDown: null)
            : null;

    private CircuitTransition Transition(CircuitState to, CircuitReason reason, TimeSpan? coolDown)
    {
        var from = (CircuitState)_circuit;
        Volatile.Write(ref _circuit, (int)to);
        _consecutiveFailures = 0;
        _windowTotal = 0;
        _windowFailures = 0;
        _probesInFlight = 0;
        if (to == CircuitState.Closed)
        {
            _failedProbes = 0;
        }

        return new CircuitTransition(modelId, from, to, reason, coolDown, default);
    }

    private void ReleaseProbe()
    {
        if (_probesInFlight > 0)
        {
            _probesInFlight--;
        }
    }
}
