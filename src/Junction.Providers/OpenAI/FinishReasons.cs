using System.Text.Json;

namespace Junction.Providers.OpenAI;

/// <summary>Reads a <c>finish_reason</c> without allocating for the values every provider sends.</summary>
internal static class FinishReasons
{
    public const string Stop = "stop";
    public const string Length = "length";
    public const string ToolCalls = "tool_calls";
    public const string ContentFilter = "content_filter";

    /// <summary>Reads the current token (already read); null for JSON null.</summary>
    public static string? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        if (reader.ValueTextEquals("stop"u8))
        {
            return Stop;
        }

        if (reader.ValueTextEquals("length"u8))
        {
            return Length;
        }

        if (reader.ValueTextEquals("tool_calls"u8))
        {
            return ToolCalls;
        }

        if (reader.ValueTextEquals("content_filter"u8))
        {
            return ContentFilter;
        }

        // Legacy function calling reports "function_call"; Mistral says "model_length" for a context overflow.
        return reader.ValueTextEquals("function_call"u8) ? ToolCalls
            : reader.ValueTextEquals("model_length"u8) ? Length
            : reader.GetString();
    }
}
