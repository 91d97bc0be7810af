using System.Collections.Concurrent;

namespace Junction.Storage.Traces;

/// <summary>
/// Keeps the most recent <see cref="Capacity"/> traces in memory; the oldest is evicted when a new one arrives.
/// Reads are lock-free; writes take a short lock to keep the eviction ring and the index in step.
/// </summary>
public sealed class InMemoryTraceStore : ITraceStore
{
    /// <summary>
    /// The capacity used when none is configured. Only dry runs are kept here (a request's trace lives with its
    /// request record), and a small ring matters: every trace it holds survives into the garbage collector's older
    /// generations, which made pauses of tens of milliseconds at a few thousand requests a second.
    /// </summary>
    public const int DefaultCapacity = 1_000;

    private readonly ConcurrentDictionary<string, StoredTrace> _byId = new(StringComparer.Ordinal);
    private readonly string?[] _ring;
    private readonly Lock _gate = new();
    private int _next;

    public InMemoryTraceStore(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new string?[capacity];
    }

    /// <summary>How many traces are kept at most.</summary>
    public int Capacity => _ring.Length;

    /// <summary>How many traces are held now.</summary>
    public int Count => _byId.Count;

    public ValueTask AddAsync(StoredTrace trace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trace);
        lock (_gate)
        {
            if (_byId.TryAdd(trace.TraceId, trace))
            {
                var evicted = _ring[_next];
                if (evicted is not null)
                {
                    _byId.TryRemove(evicted, out _);
                }

                _ring[_next] = trace.TraceId;
                _next = (_next + 1) % _ring.Length;
            }
            else
            {
                // Same id recorded again (e.g. a retry of the write): keep one slot, newest content.
                _byId[trace.TraceId] = trace;
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<StoredTrace?> FindAsync(string tenantId, string traceId, CancellationToken cancellationToken = default)
    {
        // Another tenant's trace is reported exactly like a missing one, so ids reveal nothing across tenants.
        var found = _byId.TryGetValue(traceId, out var trace) && string.Equals(trace.TenantId, tenantId, StringComparison.Ordinal)
            ? trace
            : null;
        return ValueTask.FromResult(found);
    }
}
