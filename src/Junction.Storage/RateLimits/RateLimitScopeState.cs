namespace Junction.Storage.RateLimits;

/// <summary>The two buckets of one scope, guarded by locking the instance.</summary>
internal sealed class RateLimitScopeState(long lockOrder) : IOrderedLock
{
    public long LockOrder { get; } = lockOrder;

    public TokenBucket Requests;

    public TokenBucket Tokens;
}
