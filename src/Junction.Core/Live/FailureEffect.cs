using Junction.Core.Fallback;

namespace Junction.Core.Live;

/// <summary>What an attempt's outcome counts toward.</summary>
internal enum FailureEffect
{
    /// <summary>A success: feeds every estimate and closes a half-open circuit.</summary>
    None,

    /// <summary>Lowers availability but never opens the circuit (<c>rate_limited</c>: load, not breakage).</summary>
    Availability,

    /// <summary>Lowers availability and counts toward opening the circuit (the provider is failing).</summary>
    Circuit,

    /// <summary>Opens the circuit for the quota cool-down without touching availability (our account, not their health).</summary>
    Quota,

    /// <summary>Counts toward nothing: the caller's request or our configuration was at fault.</summary>
    Ignored,
}

/// <summary>Maps an attempt's outcome to what it counts toward (docs/live-stats.md, "What counts").</summary>
internal static class FailureEffects
{
    public static FailureEffect Of(ErrorKind? error) => error switch
    {
        null => FailureEffect.None,
        ErrorKind.ServerError or ErrorKind.Overloaded or ErrorKind.Timeout or ErrorKind.Connect => FailureEffect.Circuit,
        ErrorKind.RateLimited => FailureEffect.Availability,
        ErrorKind.QuotaExhausted => FailureEffect.Quota,
        _ => FailureEffect.Ignored,
    };
}
