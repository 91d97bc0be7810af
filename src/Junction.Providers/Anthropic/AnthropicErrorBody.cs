using System.Text.Json;

namespace Junction.Providers.Anthropic;

/// <summary>
/// The fields of an Anthropic error body, <c>{"type":"error","error":{"type","message","details":{"error_code"}}}</c>.
/// The same shape arrives as an HTTP error body and inside a 200 stream as <c>event: error</c>.
/// </summary>
internal readonly record struct AnthropicErrorBody(string? Type, string? Message, string? ErrorCode)
{
    /// <summary>Parses a body; anything that is not JSON yields an empty body (the status alone then decides).</summary>
    public static AnthropicErrorBody Parse(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return default;
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            return FromElement(document.RootElement);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static AnthropicErrorBody FromElement(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error))
        {
            return default;
        }

        // Proxies in front of the API sometimes answer with a bare string.
        if (error.ValueKind == JsonValueKind.String)
        {
            return new AnthropicErrorBody(null, error.GetString(), null);
        }

        if (error.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        string? code = null;
        if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object)
        {
            code = Text(details, "error_code");
        }

        return new AnthropicErrorBody(Text(error, "type"), Text(error, "message"), code);
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
