using Junction.Core.Catalog;

namespace Junction.Core.Live;

/// <summary>Why a circuit changed state.</summary>
public enum CircuitReason
{
    /// <summary>Closed to open: <see cref="LiveStatsOptions.ConsecutiveFailuresToOpen"/> failures in a row.</summary>
    ConsecutiveFailures,

    /// <summary>Closed to open: the failure rate passed <see cref="LiveStatsOptions.FailureRateToOpen"/> over enough volume.</summary>
    FailureRate,

    /// <summary>To open: the provider said the account's quota is exhausted.</summary>
    QuotaExhausted,

    /// <summary>Open to half-open: the cool-down elapsed.</summary>
    CoolDownElapsed,

    /// <summary>Half-open to closed: a probe succeeded.</summary>
    ProbeSucceeded,

    /// <summary>Half-open to open: a probe failed; the cool-down backs off.</summary>
    ProbeFailed,
}

/// <summary>One change of a model's circuit, reported so the gateway can log it and publish at once.</summary>
/// <param name="ModelId">The model whose circuit changed.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="Reason">What caused it.</param>
/// <param name="CoolDown">When <paramref name="To"/> is open: how long until a probe is let through.</param>
/// <param name="At">When, by the state's clock.</param>
public readonly record struct CircuitTransition(
    string ModelId,
    CircuitState From,
    CircuitState To,
    CircuitReason Reason,
    TimeSpan? CoolDown,
    DateTimeOffset At);
