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
