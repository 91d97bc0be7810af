using System.Buffers;
using System.Text.Json;
using Junction.Simulator.Text;

namespace Junction.Simulator.OpenAI;

/// <summary>Writes a non-streamed <c>chat.completion</c> object.</summary>
internal static class ChatCompletionWriter
{
    public static void Write(Utf8JsonWriter writer, in CompletionHead head, ChatCompletionRequest request, in Reply reply)
    {
        writer.WriteStartObject();
        head.Write(writer, "chat.completion"u8);
        writer.WriteStartArray("choices"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, 0);
        writer.WriteStartObject("message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        if (reply.ToolCall is { } call)
        {
            writer.WriteNull("content"u8);
            writer.WriteStartArray("tool_calls"u8);
            writer.WriteStartObject();
            writer.WriteString("id"u8, call.Id);
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, call.Name);
            writer.WriteString("arguments"u8, call.Arguments);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
        }
        else
        {
            WriteContent(writer, reply.Text);
        }
        writer.WriteNull("refusal"u8);
        writer.WriteStartArray("annotations"u8);
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteNull("logprobs"u8);
        writer.WriteString("finish_reason"u8, CompletionHead.FinishReasonText(reply.Finish));
        writer.WriteEndObject();
        writer.WriteEndArray();
        CompletionHead.WriteUsage(writer, request.PromptTokens, reply.CompletionTokens);
        writer.WriteString("service_tier"u8, "default"u8);
        writer.WriteEndObject();
    }

    private static void WriteContent(Utf8JsonWriter writer, in ReplyText text)
    {
        var maxLength = text.MaxLength;
        var rented = maxLength > 1024 ? ArrayPool<byte>.Shared.Rent(maxLength) : null;
        var buffer = rented ?? stackalloc byte[1024];
        var length = text.WriteAll(buffer);
        writer.WriteString("content"u8, buffer[..length]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
