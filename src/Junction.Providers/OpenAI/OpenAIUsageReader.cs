using System.Text.Json;
using Junction.Providers.Abstractions;

namespace Junction.Providers.OpenAI;

/// <summary>
/// Reads a <c>usage</c> object: prompt and completion tokens, OpenAI's <c>prompt_tokens_details.cached_tokens</c>
/// and <c>completion_tokens_details.reasoning_tokens</c>, and DeepSeek's <c>prompt_cache_hit_tokens</c>.
/// </summary>
internal static class OpenAIUsageReader
{
    /// <summary>Reads the object the reader is on (its <c>StartObject</c>) and leaves the reader on its <c>EndObject</c>.</summary>
    public static Usage Read(ref Utf8JsonReader reader)
    {
        int prompt = 0, completion = 0, cached = 0, reasoning = 0, cacheHit = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                prompt = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                completion = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8))
            {
                cached = ReadDetail(ref reader, "cached_tokens"u8);
            }
            else if (reader.ValueTextEquals("completion_tokens_details"u8))
            {
                reasoning = ReadDetail(ref reader, "reasoning_tokens"u8);
            }
            else if (reader.ValueTextEquals("prompt_cache_hit_tokens"u8))
            {
                cacheHit = ReadInt(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new Usage(prompt, completion, cached > 0 ? cached : cacheHit, reasoning);
    }

    private static int ReadInt(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : 0;
    }

    private static int ReadDetail(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return 0;
        }

        var value = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(name))
            {
                value = ReadInt(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return value;
    }
}
