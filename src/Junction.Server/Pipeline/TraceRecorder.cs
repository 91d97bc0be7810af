using Junction.Core.Routing.Trace;
using Junction.Storage.Traces;

namespace Junction.Server.Pipeline;

/// <summary>Names traces and finishes them; keeps the ones no request record carries in the tenant-scoped trace store.</summary>
internal sealed class TraceRecorder(ITraceStore store, TimeProvider time)
{
    /// <summary><c>trc_</c> + a time-ordered UUIDv7 in hex (see <see cref="TraceIds"/>).</summary>
    public string NewTraceId() => TraceIds.New(time);

    /// <summary>
    /// Stamps the total time and hands the trace over: from here on nothing changes it, and its JSON is written only
    /// when something reads it (an error body, <c>/x/traces</c>, the request log's writer thread), so a plain
    /// successful request never serializes it on its response path. The request log keeps it, and
    /// <c>/x/traces</c> reads it there (pending or committed); only traces the log never sees are kept here.
    /// </summary>
    public StoredTrace Finish(RouteTrace trace, string tenantId, long startedTimestamp)
    {
        trace.Timings = trace.Timings with { TotalMs = Math.Round(time.GetElapsedTime(startedTimestamp).TotalMilliseconds, 3) };
        return new StoredTrace(trace.TraceId, tenantId, time.GetUtcNow(), trace);
    }

    /// <summary>Finishes a trace the request log never sees (a dry run) and keeps it for <c>/x/traces</c>.</summary>
    public async ValueTask<StoredTrace> FinishUnloggedAsync(RouteTrace trace, string tenantId, long startedTimestamp)
    {
        var stored = Finish(trace, tenantId, startedTimestamp);
        await store.AddAsync(stored);
        return stored;
    }
}
