using System.Collections.Concurrent;

namespace Junction.Storage.RateLimits;

/// <summary>
/// The embedded store's rate limiter: two token buckets per scope (requests and tokens), each refilling at its
/// per-minute limit, one lock per scope. A request is admitted only if every limit of every scope has room;
/// then it is taken from all of them under their locks, so concurrent requests can never exceed a limit.
/// </summary>
internal sealed class InMemoryRateLimiter : IRateLimiter
{
    private readonly ConcurrentDictionary<(ScopeKind, string), RateLimitScopeState> _scopes = new();
    private readonly TimeProvider _time;
    private readonly long _origin;
    private long _nextLockOrder;

    public InMemoryRateLimiter(TimeProvider time)
    {
        _time = time;
        _origin = time.GetTimestamp();
    }

    public ValueTask<RateLimitDecision> TryAcquireAsync(IReadOnlyList<RateLimitScope> scopes, int requests = 1, long tokens = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        var now = NowTicks();
        var states = States(scopes);
        var locked = OrderedLocks.EnterAll(states);
        try
        {
            var deniedAt = -1;
            var reason = RateLimitReason.None;
            var retryAfter = TimeSpan.Zero;
            for (var i = 0; i < states.Length; i++)
            {
                var (scopeReason, wait) = Check(scopes[i], states[i], requests, tokens, now);
                if (scopeReason == RateLimitReason.None)
                {
                    continue;
                }

                // A request too large for some scope can never pass; otherwise the longest wait is the one that matters.
                if (reason != RateLimitReason.TooLarge && (scopeReason == RateLimitReason.TooLarge || wait > retryAfter))
                {
                    (deniedAt, reason, retryAfter) = (i, scopeReason, scopeReason == RateLimitReason.TooLarge ? TimeSpan.Zero : wait);
                }
            }

            if (deniedAt >= 0)
            {
                var denied = states[deniedAt];
                var scope = scopes[deniedAt];
                return new(new RateLimitDecision(false, reason, scope, retryAfter,
                    scope.RequestsPerMinute is null ? null : denied.Requests.Counters(),
                    scope.TokensPerMinute is null ? null : denied.Tokens.Counters()));
            }

            RateLimitCounters? requestCounters = null;
            RateLimitCounters? tokenCounters = null;
            for (var i = 0; i < states.Length; i++)
            {
                var state = states[i];
                if (scopes[i].RequestsPerMinute is not null)
                {
                    state.Requests.Available -= requests;
                    requestCounters = Tighter(requestCounters, state.Requests.Counters());
                }

                if (scopes[i].TokensPerMinute is not null)
                {
                    state.Tokens.Available -= tokens;
                    tokenCounters = Tighter(tokenCounters, state.Tokens.Counters());
                }
            }

            return new(new RateLimitDecision(true, RateLimitReason.None, null, TimeSpan.Zero, requestCounters, tokenCounters));
        }
        finally
        {
            OrderedLocks.ExitAll(locked);
        }
    }

    public ValueTask AdjustAsync(IReadOnlyList<RateLimitScope> scopes, long tokenDelta, CancellationToken cancellationToken = default)
    {
        if (tokenDelta == 0)
        {
            return ValueTask.CompletedTask;
        }

        var now = NowTicks();
        foreach (var scope in scopes)
        {
            if (scope.TokensPerMinute is not { } limit)
            {
                continue;
            }

            var state = State(scope.Kind, scope.Id);
            lock (state)
            {
                state.Tokens.Refill(limit, now);
                state.Tokens.Available = Math.Min(state.Tokens.Capacity, state.Tokens.Available - tokenDelta);
            }
        }

        return ValueTask.CompletedTask;
    }

    private static (RateLimitReason Reason, TimeSpan Wait) Check(RateLimitScope scope, RateLimitScopeState state, int requests, long tokens, long now)
    {
        var reason = RateLimitReason.None;
        var wait = TimeSpan.Zero;
        if (scope.RequestsPerMinute is { } rpm)
        {
            state.Requests.Refill(rpm, now);
            if (requests > rpm)
            {
                return (RateLimitReason.TooLarge, TimeSpan.Zero);
            }

            wait = state.Requests.WaitFor(requests);
            reason = wait > TimeSpan.Zero ? RateLimitReason.Requests : reason;
        }

        if (scope.TokensPerMinute is { } tpm)
        {
            state.Tokens.Refill(tpm, now);
            if (tokens > tpm)
            {
                return (RateLimitReason.TooLarge, TimeSpan.Zero);
            }

            var tokenWait = state.Tokens.WaitFor(tokens);
            if (tokenWait > wait)
            {
                (reason, wait) = (RateLimitReason.Tokens, tokenWait);
            }
        }

        return (reason, wait);
    }

    private static RateLimitCounters Tighter(RateLimitCounters? current, RateLimitCounters candidate) =>
        current is { } c && c.Remaining <= candidate.Remaining ? c : candidate;

    private long NowTicks() => _time.GetElapsedTime(_origin).Ticks;

    private RateLimitScopeState[] States(IReadOnlyList<RateLimitScope> scopes)
    {
        var states = new RateLimitScopeState[scopes.Count];
        for (var i = 0; i < states.Length; i++)
        {
            states[i] = State(scopes[i].Kind, scopes[i].Id);
        }

        return states;
    }

    private RateLimitScopeState State(ScopeKind kind, string id) =>
        _scopes.TryGetValue((kind, id), out var state)
            ? state
            : _scopes.GetOrAdd((kind, id), static (_, limiter) => new RateLimitScopeState(Interlocked.Increment(ref limiter._nextLockOrder)), this);
}
