namespace Junction.Core.Catalog;

/// <summary>State of a model's circuit breaker, the policy field <c>circuit</c>.</summary>
public enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// Observed behaviour of a model (decayed averages seeded from the catalog priors): the live policy fields.
/// </summary>
public readonly record struct ModelLiveStats(
    double LatencyP50Ms,
    double TtftP50Ms,
    double TokensPerS,
    double Availability,
    double ErrorRate,
    CircuitState Circuit)
{
    /// <summary>The stats a model starts with before any traffic: its catalog priors.</summary>
    public static ModelLiveStats FromPriors(ModelEntry model) =>
        new(model.LatencyP50Ms, model.TtftP50Ms, model.TokensPerS, model.Availability, 1 - model.Availability, CircuitState.Closed);
}
