using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Core.Routing.Trace;

/// <summary>Reads and writes <see cref="RouteTrace"/> in the §4 JSON shape (snake_case, nulls written).</summary>
public static class TraceJson
{
    public static string Serialize(RouteTrace trace) => Encoding.UTF8.GetString(SerializeToUtf8Bytes(trace));

    public static byte[] SerializeToUtf8Bytes(RouteTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
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
