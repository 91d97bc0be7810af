namespace Junction.Server.Ingress.Anthropic;

/// <summary>Canonical (OpenAI-vocabulary) finish reasons back to Anthropic's <c>stop_reason</c>.</summary>
internal static class AnthropicStopReasons
{
    public static string FromFinishReason(string? finishReason) => finishReason switch
    {
        "length" => "max_tokens",
        "tool_calls" => "tool_use",
        "content_filter" => "refusal",
        _ => "end_turn",
    };
}
