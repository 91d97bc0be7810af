using System.Text.Json;
using Junction.Providers.Abstractions;

namespace Junction.Server.Ingress.Anthropic;

/// <summary>
/// Canonical usage in Anthropic's terms: <c>input_tokens</c> excludes the prompt tokens read from or written to the
/// cache, which Anthropic reports apart.
/// </summary>
internal static class AnthropicUsageJson
{
    public static void Write(Utf8JsonWriter writer, Usage? usage, int estimatedInputTokens, bool outputOnly)
    {
        writer.WriteStartObject("usage"u8);
        if (usage is null)
        {
            if (!outputOnly)
            {
                writer.WriteNumber("input_tokens"u8, estimatedInputTokens);
            }

            writer.WriteNumber("output_tokens"u8, 0);
            writer.WriteEndObject();
            return;
        }

        var cached = Math.Clamp(usage.CachedPromptTokens, 0, usage.PromptTokens);
        var written = Math.Clamp(usage.CacheWriteTokens, 0, usage.PromptTokens - cached);
        if (!outputOnly)
        {
            writer.WriteNumber("input_tokens"u8, usage.PromptTokens - cached - written);
            writer.WriteNumber("cache_creation_input_tokens"u8, written);
            writer.WriteNumber("cache_read_input_tokens"u8, cached);
        }

        writer.WriteNumber("output_tokens"u8, usage.CompletionTokens);
        writer.WriteEndObject();
    }
}
