using System.Text.Json;
using Junction.Simulator.Text;

namespace Junction.Simulator.OpenAI;

/// <summary>
/// Writes the <c>chat.completion.chunk</c> objects of a stream, in OpenAI's order: a role delta, content (or
/// tool-call argument) deltas, a finish delta, then, when asked for, a usage chunk with no choices.
/// When usage was asked for, every other chunk carries <c>"usage": null</c>, as OpenAI's do.
/// </summary>
internal static class ChatCompletionChunkWriter
{
    public static void WriteRole(Utf8JsonWriter writer, in CompletionHead head, bool includeUsage, ToolCall? call)
    {
        StartChoice(writer, head);
        writer.WriteString("role"u8, "assistant"u8);
        if (call is null)
        {
            writer.WriteString("content"u8, ""u8);
        }
        else
        {
            writer.WriteNull("content"u8);
            writer.WriteStartArray("tool_calls"u8);
            writer.WriteStartObject();
            writer.WriteNumber("index"u8, 0);
            writer.WriteString("id"u8, call.Id);
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, call.Name);
            writer.WriteString("arguments"u8, ""u8);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
        }
        writer.WriteNull("refusal"u8);
        EndChoice(writer, includeUsage, finish: null);
    }

    public static void WriteContent(Utf8JsonWriter writer, in CompletionHead head, bool includeUsage, ReadOnlySpan<byte> utf8Text)
    {
        StartChoice(writer, head);
        writer.WriteString("content"u8, utf8Text);
        EndChoice(writer, includeUsage, finish: null);
    }

    public static void WriteToolArguments(Utf8JsonWriter writer, in CompletionHead head, bool includeUsage, ReadOnlySpan<char> fragment)
    {
        StartChoice(writer, head);
        writer.WriteStartArray("tool_calls"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, 0);
        writer.WriteStartObject("function"u8);
        writer.WriteString("arguments"u8, fragment);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        EndChoice(writer, includeUsage, finish: null);
    }

    public static void WriteFinish(Utf8JsonWriter writer, in CompletionHead head, bool includeUsage, FinishReason finish)
    {
        StartChoice(writer, head);
        EndChoice(writer, includeUsage, finish);
    }

    public static void WriteUsage(Utf8JsonWriter writer, in CompletionHead head, int promptTokens, int completionTokens)
    {
        writer.WriteStartObject();
        head.Write(writer, "chat.completion.chunk"u8);
        writer.WriteStartArray("choices"u8);
        writer.WriteEndArray();
        CompletionHead.WriteUsage(writer, promptTokens, completionTokens);
        writer.WriteEndObject();
    }

    private static void StartChoice(Utf8JsonWriter writer, in CompletionHead head)
    {
        writer.WriteStartObject();
        head.Write(writer, "chat.completion.chunk"u8);
        writer.WriteStartArray("choices"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, 0);
        writer.WriteStartObject("delta"u8);
    }

    private static void EndChoice(Utf8JsonWriter writer, bool includeUsage, FinishReason? finish)
    {
        writer.WriteEndObject();
        writer.WriteNull("logprobs"u8);
        if (finish is { } reason)
        {
            writer.WriteString("finish_reason"u8, CompletionHead.FinishReasonText(reason));
        }
        else
        {
            writer.WriteNull("finish_reason"u8);
        }
        writer.WriteEndObject();
        writer.WriteEndArray();
        if (includeUsage)
        {
            writer.WriteNull("usage"u8);
        }
        writer.WriteEndObject();
    }
}
