namespace Junction.Storage.RateLimits;

/// <summary>Why a request was refused by a rate limit.</summary>
public enum RateLimitReason
{
    None,

    /// <summary>Requests per minute used up; retry after <see cref="RateLimitDecision.RetryAfter"/>.</summary>
    Requests,

    /// <summary>Tokens per minute used up; retry after <see cref="RateLimitDecision.RetryAfter"/>.</summary>
    Tokens,

    /// <summary>The request alone needs more than a whole minute's limit: waiting will not help.</summary>
    TooLarge,
}

/// <summary>
/// One limit's numbers for the <c>x-ratelimit-limit-*</c>, <c>x-ratelimit-remaining-*</c> and
/// <c>x-ratelimit-reset-*</c> headers: the per-minute limit, what is left now, and the time until it is full again.
/// </summary>
public readonly record struct RateLimitCounters(long Limit, long Remaining, TimeSpan Reset);

/// <summary>
/// The answer to <see cref="IRateLimiter.TryAcquireAsync"/>. <see cref="Requests"/> and <see cref="Tokens"/> are the
/// counters of the most constrained scope that has such a limit (null when none has), or of the denying scope.
/// </summary>
public readonly record struct RateLimitDecision(
    bool IsAllowed,
    RateLimitReason Reason,
    RateLimitScope? DeniedScope,
    TimeSpan RetryAfter,
    RateLimitCounters? Requests,
    RateLimitCounters? Tokens);
