using System.Text.Json;

namespace Junction.Providers.OpenAI;

/// <summary>
/// The fields of an OpenAI-style error body. Reads <c>{"error":{"message","type","code","param"}}</c>, a bare
/// <c>{"error":"text"}</c>, and the top-level <c>{"message","type","code"}</c> shape Mistral uses.
/// </summary>
internal readonly record struct OpenAIErrorBody(string? Message, string? Type, string? Code, string? Param)
{
    /// <summary>Parses a body; anything that is not JSON yields an empty body (the status alone then decides).</summary>
    public static OpenAIErrorBody Parse(ReadOnlySpan<byte> json)
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

    private static OpenAIErrorBody FromElement(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        if (root.TryGetProperty("error", out var error))
        {
            if (error.ValueKind == JsonValueKind.String)
            {
                return new OpenAIErrorBody(error.GetString(), null, null, null);
            }

            if (error.ValueKind == JsonValueKind.Object)
            {
                return new OpenAIErrorBody(Text(error, "message"), Text(error, "type"), Text(error, "code"), Text(error, "param"));
            }
        }

        return new OpenAIErrorBody(Text(root, "message") ?? Text(root, "detail"), Text(root, "type"), Text(root, "code"), Text(root, "param"));
    }

    // Codes arrive as strings or numbers; a message may be an object (Mistral's validation detail): keep its raw text.
    private static string? Text(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Object or JsonValueKind.Array => value.GetRawText(),
            _ => null,
        };
    }
}
