using Junction.Core.Routing.Trace;

namespace Junction.Storage.Traces;

/// <summary>
/// One recorded routing trace: who it belongs to and its JSON (the POLICY.md §4 shape). A trace recorded by the
/// gateway is handed over finished (nothing changes it afterwards) and serialized on first read, once: most
/// traces are never read, and writing one is a measurable share of a request's cost.
/// </summary>
public sealed class StoredTrace
{
    // A reference, not a ReadOnlyMemory: a reference is written atomically, so a concurrent reader never sees half of it.
    private byte[]? _json;

    /// <summary>A finished trace; its JSON is written when first asked for.</summary>
    public StoredTrace(string traceId, string tenantId, DateTimeOffset recordedAt, RouteTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        (TraceId, TenantId, RecordedAt, Trace) = (traceId, tenantId, recordedAt, trace);
    }

    /// <summary>A trace already serialized (read back from storage).</summary>
    public StoredTrace(string traceId, string tenantId, DateTimeOffset recordedAt, ReadOnlyMemory<byte> json) =>
        (TraceId, TenantId, RecordedAt, _json) = (traceId, tenantId, recordedAt, json.ToArray());

    public string TraceId { get; }

    public string TenantId { get; }

    public DateTimeOffset RecordedAt { get; }

    /// <summary>The trace object when it was recorded in this process; null when read back from storage.</summary>
    public RouteTrace? Trace { get; }

    /// <summary>The trace as UTF-8 JSON. Concurrent first reads may both serialize; they write the same bytes.</summary>
    public ReadOnlyMemory<byte> Json => _json ??= TraceJson.SerializeToUtf8Bytes(Trace!);
}

/// <summary>Keeps routing traces for later reads by the tenant that made the request.</summary>
public interface ITraceStore
{
    /// <summary>Records a trace. Never blocks on I/O for long: callers are on the response path.</summary>
    ValueTask AddAsync(StoredTrace trace, CancellationToken cancellationToken = default);

    /// <summary>The trace with this id if it exists and belongs to <paramref name="tenantId"/>; null otherwise.</summary>
    ValueTask<StoredTrace?> FindAsync(string tenantId, string traceId, CancellationToken cancellationToken = default);
}
