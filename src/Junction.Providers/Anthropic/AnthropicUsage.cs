using System.Text.Json;
using Junction.Providers.Abstractions;

namespace Junction.Providers.Anthropic;

/// <summary>
/// Anthropic's <c>usage</c> object as read, each count absent until seen. A stream reports usage twice: in
/// <c>message_start</c> and, cumulatively, in <c>message_delta</c>; <see cref="Merge"/> lets the later counts win.
/// </summary>
internal struct AnthropicUsage
{
    public int? InputTokens;
    public int? OutputTokens;
    public int? CacheCreationInputTokens;
    public int? CacheReadInputTokens;

    public readonly bool IsEmpty => InputTokens is null && OutputTokens is null && CacheCreationInputTokens is null && CacheReadInputTokens is null;

    /// <summary>Reads the object the reader is on (its <c>StartObject</c>) and leaves the reader on its <c>EndObject</c>.</summary>
    public static AnthropicUsage Read(ref Utf8JsonReader reader)
    {
        var usage = default(AnthropicUsage);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("input_tokens"u8))
            {
                usage.InputTokens = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("output_tokens"u8))
            {
                usage.OutputTokens = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("cache_creation_input_tokens"u8))
            {
                usage.CacheCreationInputTokens = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("cache_read_input_tokens"u8))
            {
                usage.CacheReadInputTokens = ReadCount(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return usage;
    }

    /// <summary>Takes every count <paramref name="later"/> reports, keeping the earlier ones it leaves out.</summary>
    public void Merge(in AnthropicUsage later)
    {
        InputTokens = later.InputTokens ?? InputTokens;
        OutputTokens = later.OutputTokens ?? OutputTokens;
        CacheCreationInputTokens = later.CacheCreationInputTokens ?? CacheCreationInputTokens;
        CacheReadInputTokens = later.CacheReadInputTokens ?? CacheReadInputTokens;
    }

    /// <summary>
    /// Anthropic's <c>input_tokens</c> counts only the uncached part of the prompt; the canonical prompt count is the
    /// whole prompt: uncached + read from cache + written to cache.
    /// </summary>
    public readonly Usage ToUsage()
    {
        var cacheRead = CacheReadInputTokens ?? 0;
        var cacheWrite = CacheCreationInputTokens ?? 0;
        return new Usage((InputTokens ?? 0) + cacheRead + cacheWrite, OutputTokens ?? 0, CachedPromptTokens: cacheRead)
        {
            CacheWriteTokens = cacheWrite,
        };
    }

    // Counts are null when the API has nothing to report (no cache in play).
    private static int? ReadCount(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value))
        {
            return value;
        }

        reader.Skip();
        return null;
    }
}
