using System.Buffers;
using System.Text.Json;
using Junction.Core.Routing.Trace;
using Junction.Server.Json;
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

    /// <summary>Stamps the total time, serializes the trace once and stores it; returns the JSON for the response body.</summary>
    public async ValueTask<byte[]> FinishAsync(RouteTrace trace, string tenantId, long startedTimestamp)
    {
        trace.Timings = trace.Timings with { TotalMs = Math.Round(time.GetElapsedTime(startedTimestamp).TotalMilliseconds, 3) };
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, JsonWriting.WriterOptions))
        {
            TraceJson.Write(writer, trace);
        }

        var json = buffer.WrittenSpan.ToArray();
        await store.AddAsync(new StoredTrace(trace.TraceId, tenantId, time.GetUtcNow(), json));
        return json;
    }
}
