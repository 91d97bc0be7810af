using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junction.Core.Routing.Trace;

/// <summary>Reads and writes <see cref="RouteTrace"/> in the §4 JSON shape (snake_case, nulls written).</summary>
public static class TraceJson
{
    public static string Serialize(RouteTrace trace) => JsonSerializer.Serialize(trace, TraceJsonContext.Default.RouteTrace);

    public static byte[] SerializeToUtf8Bytes(RouteTrace trace) =>
        JsonSerializer.SerializeToUtf8Bytes(trace, TraceJsonContext.Default.RouteTrace);

    public static void Write(Utf8JsonWriter writer, RouteTrace trace) =>
        JsonSerializer.Serialize(writer, trace, TraceJsonContext.Default.RouteTrace);

    /// <summary>A stored trace; null for the JSON literal <c>null</c>.</summary>
    public static RouteTrace? Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, TraceJsonContext.Default.RouteTrace);
}

/// <summary>Source-generated metadata for the trace; use it where a trace crosses a boundary (HTTP, storage).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RouteTrace))]
public sealed partial class TraceJsonContext : JsonSerializerContext;
