using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;

namespace Junction.Core.Routing.Trace;

/// <summary>Reads and writes <see cref="RouteTrace"/> in the §4 JSON shape (snake_case, nulls written).</summary>
public static class TraceJson
{
    /// <summary>
    /// How trace JSON is written everywhere: minimal escaping, so a rule such as <c>["in","provider",["openai"]]</c>
    /// reads as <c>[\"in\",...]</c> rather than <c>[\u0022in\u0022,...]</c>. Traces are served as
    /// <c>application/json</c> and rendered as text, never spliced into HTML, so HTML-sensitive characters need no escaping;
    /// writing them plainly is also several times cheaper, and a 500-model trace has hundreds of quoted rules.
    /// The writer's structural checks are off: the hand-written writer is tested byte for byte against the serializer.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static string Serialize(RouteTrace trace) => Encoding.UTF8.GetString(SerializeToUtf8Bytes(trace));

    public static byte[] SerializeToUtf8Bytes(RouteTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            TraceJsonWriter.Write(writer, trace);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, RouteTrace trace)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(trace);
        TraceJsonWriter.Write(writer, trace);
    }

    /// <summary>
    /// The property a stored trace has instead of <c>rejected</c> when its rejection list is kept apart, once for
    /// every request that shares it; <see cref="SpliceRejectedSet"/> puts the list back.
    /// </summary>
    public const string RejectedSetProperty = "rejected_set";

    /// <summary>The trace with <c>"rejected_set": <paramref name="rejectedSet"/></c> in place of its <c>rejected</c> array.</summary>
    public static void WriteWithRejectedSet(Utf8JsonWriter writer, RouteTrace trace, string rejectedSet)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(rejectedSet);
        TraceJsonWriter.Write(writer, trace, rejectedSet);
    }

    /// <summary>The trace's <c>rejected</c> array alone, as a rejection set is stored.</summary>
    public static void WriteRejected(Utf8JsonWriter writer, IReadOnlyList<Rejection> rejected)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rejected);
        TraceJsonWriter.WriteRejected(writer, rejected);
    }

    /// <summary>
    /// A stored trace written by <see cref="WriteWithRejectedSet"/>, whole again: its <c>"rejected_set": "id"</c>
    /// replaced by <c>"rejected": </c><paramref name="rejectedJson"/>. The property can only occur where the writer
    /// put it (a quote inside a JSON string is always escaped), so a byte search finds it. Null when it is not there.
    /// </summary>
    public static byte[]? SpliceRejectedSet(ReadOnlySpan<byte> storedTrace, string rejectedSet, ReadOnlySpan<byte> rejectedJson)
    {
        var marker = Encoding.UTF8.GetBytes($"\"{RejectedSetProperty}\":\"{rejectedSet}\"");
        var at = storedTrace.IndexOf(marker);
        if (at < 0)
        {
            return null;
        }

        ReadOnlySpan<byte> property = "\"rejected\":"u8;
        var whole = new byte[storedTrace.Length - marker.Length + property.Length + rejectedJson.Length];
        storedTrace[..at].CopyTo(whole);
        property.CopyTo(whole.AsSpan(at));
        rejectedJson.CopyTo(whole.AsSpan(at + property.Length));
        storedTrace[(at + marker.Length)..].CopyTo(whole.AsSpan(at + property.Length + rejectedJson.Length));
        return whole;
    }

    /// <summary>The trace's <c>attempts</c> array alone, as the request log keeps it for searches.</summary>
    public static void WriteAttempts(Utf8JsonWriter writer, IReadOnlyList<TraceAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(attempts);
        TraceJsonWriter.WriteAttempts(writer, attempts);
    }

    /// <summary>A stored trace; null for the JSON literal <c>null</c>.</summary>
    public static RouteTrace? Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, TraceJsonContext.Default.RouteTrace);
}

/// <summary>
/// Source-generated metadata for the trace: it reads stored traces, and it is the reference the hand-written
/// <see cref="TraceJsonWriter"/> is tested against byte for byte.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RouteTrace))]
public sealed partial class TraceJsonContext : JsonSerializerContext;
