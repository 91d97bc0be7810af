using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Junction.Core.Routing;
using Junction.Core.Routing.Trace;

namespace Junction.Storage.RequestLogs;

/// <summary>
/// A rejection list that many traces share (<see cref="RouteTrace.RejectedShared"/>), in its stored form: named by a
/// hash of its JSON, so equal lists from different policy bindings or processes are one row.
/// </summary>
internal sealed record StoredRejectionSet(string Id, byte[] Compressed)
{
    /// <summary>
    /// Per shared list instance, its stored form, made once: the list lives as long as its policy's binding to a
    /// catalog snapshot, and so does this entry.
    /// </summary>
    private static readonly ConditionalWeakTable<IReadOnlyList<Rejection>, StoredRejectionSet> ByList = new();

    public static StoredRejectionSet Of(IReadOnlyList<Rejection> rejected) => ByList.GetValue(rejected, Make);

    private static StoredRejectionSet Make(IReadOnlyList<Rejection> rejected)
    {
        var json = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(json, TraceJson.WriterOptions))
        {
            TraceJson.WriteRejected(writer, rejected);
        }

        var id = "rs_" + Convert.ToHexStringLower(SHA256.HashData(json.WrittenSpan).AsSpan(0, 16));
        var compressed = new ArrayBufferWriter<byte>(Math.Max(256, json.WrittenCount / 4));
        TraceCompression.Compress(json.WrittenSpan, compressed);
        return new StoredRejectionSet(id, compressed.WrittenSpan.ToArray());
    }
}
