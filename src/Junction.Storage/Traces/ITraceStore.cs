namespace Junction.Storage.Traces;

/// <summary>
/// One recorded routing trace: who it belongs to and its JSON (the POLICY.md §4 shape), kept as the bytes
/// that were serialized when the request ended, so a stored trace never changes after the fact.
/// </summary>
public sealed record StoredTrace(string TraceId, string TenantId, DateTimeOffset RecordedAt, ReadOnlyMemory<byte> Json);

/// <summary>Keeps routing traces for later reads by the tenant that made the request.</summary>
public interface ITraceStore
{
    /// <summary>Records a trace. Never blocks on I/O for long: callers are on the response path.</summary>
    ValueTask AddAsync(StoredTrace trace, CancellationToken cancellationToken = default);

    /// <summary>The trace with this id if it exists and belongs to <paramref name="tenantId"/>; null otherwise.</summary>
    ValueTask<StoredTrace?> FindAsync(string tenantId, string traceId, CancellationToken cancellationToken = default);
}
