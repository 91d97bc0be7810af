using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Junction.Simulator.Text;

/// <summary>
/// Builds call arguments from a tool's JSON Schema: an object holding every required property with a
/// placeholder of its type (an enum's first value, <c>"sample"</c>, <c>1</c>, <c>true</c>, one array item,
/// nested objects likewise). Cold path: tool calls only.
/// </summary>
internal static class ToolArguments
{
    private const int MaxDepth = 16;

    public static string Build(ReadOnlyMemory<byte> parametersSchema)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (parametersSchema.IsEmpty)
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
            else
            {
                using var schema = JsonDocument.Parse(parametersSchema);
                WriteObject(writer, schema.RootElement, 0);
            }
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonElement schema, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > MaxDepth)
        {
            writer.WriteStringValue("sample");
            return;
        }
        if (schema.TryGetProperty("const", out var constant))
        {
            constant.WriteTo(writer);
            return;
        }
        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            values[0].WriteTo(writer);
            return;
        }
        foreach (var keyword in (ReadOnlySpan<string>)["anyOf", "oneOf", "allOf"])
        {
            if (schema.TryGetProperty(keyword, out var options) && options.ValueKind == JsonValueKind.Array && options.GetArrayLength() > 0)
            {
                WriteValue(writer, FirstNotNull(options), depth + 1);
                return;
            }
        }

        switch (TypeOf(schema))
        {
            case "object":
                WriteObject(writer, schema, depth + 1);
                break;
            case "array":
                writer.WriteStartArray();
                if (schema.TryGetProperty("items", out var items))
                {
                    WriteValue(writer, items, depth + 1);
                }
                writer.WriteEndArray();
                break;
            case "integer":
                writer.WriteNumberValue(1);
                break;
            case "number":
                writer.WriteNumberValue(1.5);
                break;
            case "boolean":
                writer.WriteBooleanValue(true);
                break;
            case "null":
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(StringPlaceholder(schema));
                break;
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonElement schema, int depth)
    {
        writer.WriteStartObject();
        if (schema.ValueKind == JsonValueKind.Object
            && schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            var hasProperties = schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object;
            foreach (var name in required.EnumerateArray())
            {
                if (name.ValueKind != JsonValueKind.String)
                {
                    continue;
                }
                var propertyName = name.GetString()!;
                writer.WritePropertyName(propertyName);
                if (hasProperties && properties.TryGetProperty(propertyName, out var propertySchema))
                {
                    WriteValue(writer, propertySchema, depth);
                }
                else
                {
                    writer.WriteStringValue("sample");
                }
            }
        }
        writer.WriteEndObject();
    }

    private static string TypeOf(JsonElement schema)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            // Gemini's OpenAPI-style schemas spell types in capitals ("OBJECT").
            if (type.ValueKind == JsonValueKind.String)
            {
                return type.GetString()!.ToLowerInvariant();
            }
            if (type.ValueKind == JsonValueKind.Array)
            {
                foreach (var option in type.EnumerateArray())
                {
                    if (option.ValueKind == JsonValueKind.String && option.GetString() is { } name && name != "null")
                    {
                        return name;
                    }
                }
            }
        }
        return schema.TryGetProperty("properties", out _) ? "object" : "string";
    }

    private static JsonElement FirstNotNull(JsonElement options)
    {
        foreach (var option in options.EnumerateArray())
        {
            if (!(option.ValueKind == JsonValueKind.Object && option.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String && type.ValueEquals("null")))
            {
                return option;
            }
        }
        return options[0];
    }

    private static string StringPlaceholder(JsonElement schema) =>
        schema.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String
            ? format.GetString() switch
            {
                "date" => "2025-01-01",
                "date-time" => "2025-01-01T00:00:00Z",
                "time" => "00:00:00",
                "email" => "user@example.com",
                "uri" or "url" => "https://example.com",
                "uuid" => "00000000-0000-4000-8000-000000000000",
                _ => "sample",
            }
            : "sample";
}
