using System.Buffers;
using System.Text.Json;
using Junction.Simulator.Text;

namespace Junction.Simulator.Anthropic;

/// <summary>Writes a non-streamed <c>message</c> object.</summary>
internal static class MessageWriter
{
    public static void Write(Utf8JsonWriter writer, in MessageHead head, MessagesRequest request, in Reply reply)
    {
        writer.WriteStartObject();
        head.WriteId(writer);
        writer.WriteString("type"u8, "message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        writer.WriteString("model"u8, head.Model);
        writer.WriteStartArray("content"u8);
        if (reply.ToolCall is { } call)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "tool_use"u8);
            writer.WriteString("id"u8, MessageHead.ToolUseId(call));
            writer.WriteString("name"u8, call.Name);
            writer.WritePropertyName("input"u8);
            writer.WriteRawValue(call.Arguments, skipInputValidation: true);
            MessageHead.WriteDirectCaller(writer);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "text"u8);
            WriteText(writer, reply.Text);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        MessageHead.WriteStop(writer, reply.Finish, reply.StopSequence);
        MessageHead.WriteUsage(writer, request.InputTokens, reply.CompletionTokens);
        writer.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter writer, in ReplyText text)
    {
        var maxLength = text.MaxLength;
        var rented = maxLength > 1024 ? ArrayPool<byte>.Shared.Rent(maxLength) : null;
        var buffer = rented ?? stackalloc byte[1024];
        var length = text.WriteAll(buffer);
        writer.WriteString("text"u8, buffer[..length]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
