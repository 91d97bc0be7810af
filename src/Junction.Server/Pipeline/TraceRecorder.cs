using Junction.Core.Routing.Trace;
using Junction.Storage.Traces;

namespace Junction.Server.Pipeline;

/// <summary>Names traces and records them, finished, in the tenant-scoped trace store.</summary>
internal sealed class TraceRecorder(ITraceStore store, TimeProvider time)
{
    /// <summary><c>trc_</c> + a time-ordered UUIDv7 in hex: unique, unguessable enough for an id, sortable by time.</summary>
    public static string NewTraceId() => string.Create(36, Guid.CreateVersion7(), static (span, guid) =>
    {
        "trc_".CopyTo(span);
        guid.TryFormat(span[4..], out _, "N");
    });

    /// <summary>
    /// Stamps the total time and stores the trace. From here on the trace is the store's: nothing changes it, and its
    /// JSON is written only when something reads it (an error body, <c>/x/traces</c>, the request log's writer thread),
    /// so a plain successful request never serializes it on its response path.
    /// </summary>
    public async ValueTask<StoredTrace> FinishAsync(RouteTrace trace, string tenantId, long startedTimestamp)
    {
        trace.Timings = trace.Timings with { TotalMs = Math.Round(time.GetElapsedTime(startedTimestamp).TotalMilliseconds, 3) };
        var stored = new StoredTrace(trace.TraceId, tenantId, time.GetUtcNow(), trace);
        await store.AddAsync(stored);
        return stored;
    }
}
