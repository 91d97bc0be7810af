using System.Text.Json;

namespace Junction.Server.Ingress.Anthropic;

/// <summary>Canonical (OpenAI-vocabulary) finish reasons back to Anthropic's <c>stop_reason</c>.</summary>
internal static class AnthropicStopReasons
{
    /// <summary>
    /// <c>stop</c> is <c>stop_sequence</c> when the provider named the sequence that ended the answer (Anthropic does;
    /// OpenAI's and Gemini's <c>stop</c> do not say whether a sequence or the model ended it, so it stays <c>end_turn</c>).
    /// </summary>
    private static string FromFinishReason(string? finishReason, string? stopSequence) => finishReason switch
    {
        "length" => "max_tokens",
        "tool_calls" => "tool_use",
        "content_filter" => "refusal",
        "stop" or null when stopSequence is not null => "stop_sequence",
        _ => "end_turn",
    };

    /// <summary>Writes <c>stop_reason</c> and <c>stop_sequence</c> (the matched sequence, or null).</summary>
    public static void Write(Utf8JsonWriter writer, string? finishReason, string? stopSequence)
    {
        var stopReason = FromFinishReason(finishReason, stopSequence);
        writer.WriteString("stop_reason"u8, stopReason);
        if (stopReason == "stop_sequence")
        {
            writer.WriteString("stop_sequence"u8, stopSequence);
        }
        else
        {
            writer.WriteNull("stop_sequence"u8);
        }
    }
}
