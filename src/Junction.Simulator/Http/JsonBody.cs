using System.Text.Json;

namespace Junction.Simulator.Http;

/// <summary>Reads one property of a request body into a dialect's reading state; an error ends the read.</summary>
internal delegate TError? JsonPropertyReader<TState, TError>(ref Utf8JsonReader reader, ref TState state)
    where TState : struct
    where TError : class;

/// <summary>The root of every dialect's request body: one JSON object, read property by property, and nothing after it.</summary>
internal static class JsonBody
{
    /// <summary>
    /// Reads each property of the root object with <paramref name="readProperty"/>; <paramref name="invalidJson"/> when
    /// the body is not one JSON object. Malformed JSON inside it throws <see cref="JsonException"/>.
    /// </summary>
    public static TError? ReadObject<TState, TError>(ReadOnlySpan<byte> body, ref TState state, JsonPropertyReader<TState, TError> readProperty, TError invalidJson)
        where TState : struct
        where TError : class
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return invalidJson;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (readProperty(ref reader, ref state) is { } error)
            {
                return error;
            }
        }

        // Throws on anything after the root object.
        return reader.Read() ? invalidJson : null;
    }

    /// <summary>
    /// Reads the array the reader is on (<see cref="JsonTokenType.StartArray"/>) into <paramref name="strings"/>; false,
    /// stopped at the offending element, when one is not a string.
    /// </summary>
    public static bool TryReadStrings(ref Utf8JsonReader reader, List<string> strings)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                return false;
            }
            strings.Add(reader.GetString()!);
        }
        return true;
    }
}
