using System.Text.Json;

namespace Junction.Providers.OpenAI;

/// <summary>Reads a tool call's <c>function</c> object: whole in a response, a piece of it in a stream delta.</summary>
internal static class OpenAIFunctionReader
{
    /// <summary>
    /// Reads the value after a <c>function</c> property name into <paramref name="name"/> and <paramref name="arguments"/>;
    /// a value that is not an object is skipped.
    /// </summary>
    public static void Read(ref Utf8JsonReader reader, bool emptyAsNull, ref string? name, ref string? arguments)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                name = ReadString(ref reader, emptyAsNull);
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                arguments = ReadString(ref reader, emptyAsNull);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>The string value after a property name, else null; empty reads as null when <paramref name="emptyAsNull"/>.</summary>
    public static string? ReadString(ref Utf8JsonReader reader, bool emptyAsNull)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        return emptyAsNull && reader.ValueSpan.IsEmpty ? null : reader.GetString();
    }
}
