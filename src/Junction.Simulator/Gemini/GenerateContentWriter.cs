using System.Buffers;
using System.Text.Json;
using Junction.Simulator.Text;

namespace Junction.Simulator.Gemini;

/// <summary>
/// Writes <c>GenerateContentResponse</c> objects: the whole answer, or one stream chunk. Chunks carry one token of text
/// (or the whole function call, which Gemini never splits); only the last carries <c>finishReason</c> and the full
/// <c>usageMetadata</c>, earlier ones the prompt count alone, as Gemini's own streams do.
/// </summary>
internal static class GenerateContentWriter
{
    public static void WriteWhole(Utf8JsonWriter writer, in GeminiHead head, GenerateContentRequest request, in Reply reply)
    {
        writer.WriteStartObject();
        StartCandidate(writer);
        if (reply.ToolCall is { } call)
        {
            WriteFunctionCallParts(writer, call);
        }
        else
        {
            WriteTextParts(writer, reply.Text);
        }

        EndCandidate(writer, reply.Finish);
        WriteUsage(writer, request.PromptTokens, reply.CompletionTokens);
        head.Write(writer);
        writer.WriteEndObject();
    }

    /// <summary>One chunk of text; <paramref name="finish"/> and the final usage only on the last.</summary>
    public static void WriteTextChunk(Utf8JsonWriter writer, in GeminiHead head, int promptTokens, ReadOnlySpan<byte> utf8Text,
        FinishReason? finish, int completionTokens)
    {
        writer.WriteStartObject();
        StartCandidate(writer);
        writer.WriteStartObject("content"u8);
        if (!utf8Text.IsEmpty)
        {
            writer.WriteStartArray("parts"u8);
            writer.WriteStartObject();
            writer.WriteString("text"u8, utf8Text);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        writer.WriteString("role"u8, "model"u8);
        writer.WriteEndObject();
        EndCandidate(writer, finish);
        WriteUsage(writer, promptTokens, finish is null ? null : completionTokens);
        head.Write(writer);
        writer.WriteEndObject();
    }

    /// <summary>The whole function call in one chunk, as Gemini streams it.</summary>
    public static void WriteFunctionCallChunk(Utf8JsonWriter writer, in GeminiHead head, int promptTokens, ToolCall call, bool final)
    {
        writer.WriteStartObject();
        StartCandidate(writer);
        WriteFunctionCallParts(writer, call);
        EndCandidate(writer, final ? FinishReason.ToolCalls : null);
        WriteUsage(writer, promptTokens, final ? call.CompletionTokens : null);
        head.Write(writer);
        writer.WriteEndObject();
    }

    private static void StartCandidate(Utf8JsonWriter writer)
    {
        writer.WriteStartArray("candidates"u8);
        writer.WriteStartObject();
    }

    private static void EndCandidate(Utf8JsonWriter writer, FinishReason? finish)
    {
        if (finish is { } reason)
        {
            // Gemini ends a function call with STOP too; the call in the parts says what happened.
            writer.WriteString("finishReason"u8, reason == FinishReason.Length ? "MAX_TOKENS"u8 : "STOP"u8);
        }

        writer.WriteNumber("index"u8, 0);
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteTextParts(Utf8JsonWriter writer, in ReplyText text)
    {
        writer.WriteStartObject("content"u8);
        if (text.TokenCount > 0)
        {
            var maxLength = text.MaxLength;
            var rented = maxLength > 1024 ? ArrayPool<byte>.Shared.Rent(maxLength) : null;
            var buffer = rented ?? stackalloc byte[1024];
            var length = text.WriteAll(buffer);
            writer.WriteStartArray("parts"u8);
            writer.WriteStartObject();
            writer.WriteString("text"u8, buffer[..length]);
            writer.WriteEndObject();
            writer.WriteEndArray();
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        writer.WriteString("role"u8, "model"u8);
        writer.WriteEndObject();
    }

    /// <summary>A call without an <c>id</c>, as Gemini 2.x sends it; clients number calls themselves.</summary>
    private static void WriteFunctionCallParts(Utf8JsonWriter writer, ToolCall call)
    {
        writer.WriteStartObject("content"u8);
        writer.WriteStartArray("parts"u8);
        writer.WriteStartObject();
        writer.WriteStartObject("functionCall"u8);
        writer.WriteString("name"u8, call.Name);
        writer.WritePropertyName("args"u8);
        writer.WriteRawValue(call.Arguments, skipInputValidation: true);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteString("role"u8, "model"u8);
        writer.WriteEndObject();
    }

    /// <summary>Usage; <paramref name="completionTokens"/> null writes the prompt-only form of a stream's middle chunks.</summary>
    private static void WriteUsage(Utf8JsonWriter writer, int promptTokens, int? completionTokens)
    {
        writer.WriteStartObject("usageMetadata"u8);
        writer.WriteNumber("promptTokenCount"u8, promptTokens);
        if (completionTokens is { } completion)
        {
            writer.WriteNumber("candidatesTokenCount"u8, completion);
        }

        writer.WriteNumber("totalTokenCount"u8, promptTokens + (completionTokens ?? 0));
        writer.WriteStartArray("promptTokensDetails"u8);
        writer.WriteStartObject();
        writer.WriteString("modality"u8, "TEXT"u8);
        writer.WriteNumber("tokenCount"u8, promptTokens);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
