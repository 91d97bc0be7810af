using System.Text.Json;
using Junction.Providers.Abstractions;

namespace Junction.Providers.Gemini;

/// <summary>
/// Reads <c>usageMetadata</c>. Google bills thinking as output, so <c>thoughtsTokenCount</c> is added to the completion
/// tokens (and reported again as <see cref="Usage.ReasoningTokens"/>, as OpenAI's reasoning tokens are part of its
/// completion tokens); <c>toolUsePromptTokenCount</c> is billed as input and joins the prompt tokens.
/// <c>promptTokenCount</c> already includes the cached tokens, like OpenAI's <c>prompt_tokens</c>.
/// </summary>
internal static class GeminiUsageReader
{
    /// <summary>
    /// Reads the object the reader is on (its <c>StartObject</c>) and leaves the reader on its <c>EndObject</c>. A value,
    /// not a <see cref="Usage"/>: a stream repeats the usage on every chunk and only the last becomes one.
    /// </summary>
    public static GeminiUsage Read(ref Utf8JsonReader reader)
    {
        int prompt = 0, candidates = 0, cached = 0, thoughts = 0, toolUsePrompt = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("promptTokenCount"u8))
            {
                prompt = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("candidatesTokenCount"u8))
            {
                candidates = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("cachedContentTokenCount"u8))
            {
                cached = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("thoughtsTokenCount"u8))
            {
                thoughts = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("toolUsePromptTokenCount"u8))
            {
                toolUsePrompt = ReadInt(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new GeminiUsage(prompt + toolUsePrompt, candidates + thoughts, cached, thoughts);
    }

    private static int ReadInt(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : 0;
    }
}

/// <summary>Billed tokens as read, already in canonical terms; <see cref="ToUsage"/> makes the public record.</summary>
internal readonly record struct GeminiUsage(int Prompt, int Completion, int Cached, int Reasoning)
{
    public Usage ToUsage() => new(Prompt, Completion, Cached, Reasoning);
}
