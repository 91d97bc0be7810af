using System.Text.Json;

namespace Junction.Providers.Anthropic;

/// <summary>Maps Anthropic's <c>stop_reason</c> to the canonical (OpenAI) finish reason without allocating.</summary>
internal static class AnthropicStopReasons
{
    /// <summary>Reads the current token (already read); null for JSON null.</summary>
    public static string? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        // pause_turn: a server tool's long turn was paused; the answer so far is whole and the caller may continue it.
        if (reader.ValueTextEquals("end_turn"u8) || reader.ValueTextEquals("stop_sequence"u8) || reader.ValueTextEquals("pause_turn"u8))
        {
            return "stop";
        }

        if (reader.ValueTextEquals("max_tokens"u8) || reader.ValueTextEquals("model_context_window_exceeded"u8))
        {
            return "length";
        }

        if (reader.ValueTextEquals("tool_use"u8))
        {
            return "tool_calls";
        }

        return reader.ValueTextEquals("refusal"u8) ? "content_filter" : reader.GetString();
    }
}
