using System.Text.Json;
using Junction.Simulator.Text;

namespace Junction.Simulator.Anthropic;

/// <summary>What the message and every event of one response share: its id and model, and how Anthropic spells ids.</summary>
internal readonly struct MessageHead(ulong id, string model)
{
    private const int IdChars = 24;

    public string Model { get; } = model;

    public void WriteId(Utf8JsonWriter writer) => WriteId(writer, "id"u8, "msg_"u8, id);

    /// <summary>Writes <paramref name="prefix"/> and 24 letters and digits, as Anthropic's message and request ids look.</summary>
    public static void WriteId(Utf8JsonWriter writer, ReadOnlySpan<byte> property, ReadOnlySpan<byte> prefix, ulong value)
    {
        Span<byte> text = stackalloc byte[prefix.Length + IdChars];
        prefix.CopyTo(text);
        Base62.Write(value, text.Slice(prefix.Length, 12));
        Base62.Write(TextHash.Mix(value), text[(prefix.Length + 12)..]);
        writer.WriteString(property, text);
    }

    /// <summary>A tool-use id in Anthropic's form: the shared call id's letters and digits after <c>toolu_</c>.</summary>
    public static string ToolUseId(ToolCall call) => string.Concat("toolu_", call.Id.AsSpan(call.Id.IndexOf('_') + 1));

    /// <summary>The model itself made the call (not code execution), which current responses state on every tool use.</summary>
    public static void WriteDirectCaller(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("caller"u8);
        writer.WriteString("type"u8, "direct"u8);
        writer.WriteEndObject();
    }

    public static ReadOnlySpan<byte> StopReason(FinishReason finish) => finish switch
    {
        FinishReason.Length => "max_tokens"u8,
        FinishReason.ToolCalls => "tool_use"u8,
        _ => "end_turn"u8,
    };

    /// <summary><c>stop_reason</c>, and <c>stop_sequence</c>: the caller's sequence that ended the text, or null.</summary>
    public static void WriteStop(Utf8JsonWriter writer, FinishReason finish, string? stopSequence)
    {
        if (finish == FinishReason.Stop && stopSequence is not null)
        {
            writer.WriteString("stop_reason"u8, "stop_sequence"u8);
            writer.WriteString("stop_sequence"u8, stopSequence);
            return;
        }
        writer.WriteString("stop_reason"u8, StopReason(finish));
        writer.WriteNull("stop_sequence"u8);
    }

    /// <summary>Writes <c>usage</c>; nothing is ever cached, so the cache counts are 0.</summary>
    public static void WriteUsage(Utf8JsonWriter writer, int inputTokens, int outputTokens)
    {
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("input_tokens"u8, inputTokens);
        writer.WriteNumber("cache_creation_input_tokens"u8, 0);
        writer.WriteNumber("cache_read_input_tokens"u8, 0);
        writer.WriteStartObject("cache_creation"u8);
        writer.WriteNumber("ephemeral_5m_input_tokens"u8, 0);
        writer.WriteNumber("ephemeral_1h_input_tokens"u8, 0);
        writer.WriteEndObject();
        writer.WriteNumber("output_tokens"u8, outputTokens);
        writer.WriteString("service_tier"u8, "standard"u8);
        writer.WriteEndObject();
    }
}
