using System.Text.Json;
using Junction.Simulator.Text;

namespace Junction.Simulator.OpenAI;

/// <summary>The fields every completion and chunk of one response repeats: id, creation time, model.</summary>
internal readonly struct CompletionHead(ulong id, long created, string model)
{
    private const int IdLength = 9 + 24;

    /// <summary>A made-up build id: real responses carry one, some clients log it.</summary>
    private static ReadOnlySpan<byte> SystemFingerprint => "fp_5im0a7e5d1"u8;

    public string Model { get; } = model;

    public void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> objectType)
    {
        Span<byte> idText = stackalloc byte[IdLength];
        "chatcmpl-"u8.CopyTo(idText);
        Base62.Write(id, idText.Slice(9, 12));
        Base62.Write(TextHash.Mix(id), idText[21..]);

        writer.WriteString("id"u8, idText);
        writer.WriteString("object"u8, objectType);
        writer.WriteNumber("created"u8, created);
        writer.WriteString("model"u8, Model);
        writer.WriteString("system_fingerprint"u8, SystemFingerprint);
    }

    public static void WriteUsage(Utf8JsonWriter writer, int promptTokens, int completionTokens)
    {
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, promptTokens);
        writer.WriteNumber("completion_tokens"u8, completionTokens);
        writer.WriteNumber("total_tokens"u8, promptTokens + completionTokens);
        writer.WriteStartObject("prompt_tokens_details"u8);
        writer.WriteNumber("cached_tokens"u8, 0);
        writer.WriteNumber("audio_tokens"u8, 0);
        writer.WriteEndObject();
        writer.WriteStartObject("completion_tokens_details"u8);
        writer.WriteNumber("reasoning_tokens"u8, 0);
        writer.WriteNumber("audio_tokens"u8, 0);
        writer.WriteNumber("accepted_prediction_tokens"u8, 0);
        writer.WriteNumber("rejected_prediction_tokens"u8, 0);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static ReadOnlySpan<byte> FinishReasonText(FinishReason finish) => finish switch
    {
        FinishReason.Length => "length"u8,
        FinishReason.ToolCalls => "tool_calls"u8,
        _ => "stop"u8,
    };
}
