namespace Junction.Storage.RateLimits;

/// <summary>Requests and tokens per minute, per tenant and per key. Fails closed: a request that cannot be counted is denied.</summary>
public interface IRateLimiter
{
    /// <summary>
    /// Takes <paramref name="requests"/> and <paramref name="tokens"/> (the estimate) from every scope at once,
    /// or from none. Scopes must be distinct.
    /// </summary>
    ValueTask<RateLimitDecision> TryAcquireAsync(IReadOnlyList<RateLimitScope> scopes, int requests = 1, long tokens = 0, CancellationToken cancellationToken = default);

    /// <summary>
    /// Corrects the token count after the call: <paramref name="tokenDelta"/> is actual minus estimated. A positive
    /// delta may put a scope in debt, which later requests wait out; a negative one gives tokens back.
    /// </summary>
    ValueTask AdjustAsync(IReadOnlyList<RateLimitScope> scopes, long tokenDelta, CancellationToken cancellationToken = default);
}
