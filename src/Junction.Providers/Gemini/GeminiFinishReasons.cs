using System.Text.Json;
using Junction.Providers.OpenAI;

namespace Junction.Providers.Gemini;

/// <summary>
/// Translates Gemini's <c>finishReason</c> into OpenAI's vocabulary. A function call ends with <c>STOP</c> on Gemini;
/// callers turn that into <c>tool_calls</c> when the answer holds a call.
/// </summary>
internal static class GeminiFinishReasons
{
    /// <summary>Reads the current token (already read); null for JSON null and <c>FINISH_REASON_UNSPECIFIED</c>.</summary>
    public static string? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        if (reader.ValueTextEquals("STOP"u8))
        {
            return FinishReasons.Stop;
        }

        if (reader.ValueTextEquals("MAX_TOKENS"u8))
        {
            return FinishReasons.Length;
        }

        if (reader.ValueTextEquals("FINISH_REASON_UNSPECIFIED"u8))
        {
            return null;
        }

        return IsFiltered(ref reader) ? FinishReasons.ContentFilter : reader.GetString()!.ToLowerInvariant();
    }

    /// <summary>Whether a prompt <c>blockReason</c> or an unread finish reason means a safety or policy filter stopped the answer.</summary>
    private static bool IsFiltered(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("SAFETY"u8)
        || reader.ValueTextEquals("RECITATION"u8)
        || reader.ValueTextEquals("BLOCKLIST"u8)
        || reader.ValueTextEquals("PROHIBITED_CONTENT"u8)
        || reader.ValueTextEquals("SPII"u8)
        || reader.ValueTextEquals("IMAGE_SAFETY"u8)
        || reader.ValueTextEquals("IMAGE_PROHIBITED_CONTENT"u8)
        || reader.ValueTextEquals("IMAGE_RECITATION"u8);

    /// <summary>The finish reason of an answer: <c>stop</c> with a function call in it is <c>tool_calls</c>.</summary>
    public static string? Resolve(string? finishReason, bool hasCalls) =>
        hasCalls && finishReason == FinishReasons.Stop ? FinishReasons.ToolCalls : finishReason;
}
