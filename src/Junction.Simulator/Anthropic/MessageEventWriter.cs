using System.Text.Json;
using Junction.Simulator.Text;

namespace Junction.Simulator.Anthropic;

/// <summary>
/// Writes the data of each Messages stream event, in Anthropic's order: <c>message_start</c> (input usage),
/// <c>content_block_start</c>, <c>ping</c>, one <c>content_block_delta</c> per token or argument fragment,
/// <c>content_block_stop</c>, <c>message_delta</c> (stop reason, cumulative usage), <c>message_stop</c>.
/// </summary>
internal static class MessageEventWriter
{
    public static void WriteMessageStart(Utf8JsonWriter writer, in MessageHead head, int inputTokens)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "message_start"u8);
        writer.WriteStartObject("message"u8);
        head.WriteId(writer);
        writer.WriteString("type"u8, "message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        writer.WriteString("model"u8, head.Model);
        writer.WriteStartArray("content"u8);
        writer.WriteEndArray();
        writer.WriteNull("stop_reason"u8);
        writer.WriteNull("stop_sequence"u8);

        // Anthropic reports a token or so of output at the start; the final count comes in message_delta.
        MessageHead.WriteUsage(writer, inputTokens, 1);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static void WriteBlockStart(Utf8JsonWriter writer, ToolCall? call)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "content_block_start"u8);
        writer.WriteNumber("index"u8, 0);
        writer.WriteStartObject("content_block"u8);
        if (call is null)
        {
            writer.WriteString("type"u8, "text"u8);
            writer.WriteString("text"u8, ""u8);
        }
        else
        {
            writer.WriteString("type"u8, "tool_use"u8);
            writer.WriteString("id"u8, MessageHead.ToolUseId(call));
            writer.WriteString("name"u8, call.Name);
            writer.WriteStartObject("input"u8);
            writer.WriteEndObject();
            MessageHead.WriteDirectCaller(writer);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static void WritePing(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "ping"u8);
        writer.WriteEndObject();
    }

    public static void WriteTextDelta(Utf8JsonWriter writer, ReadOnlySpan<byte> utf8Text)
    {
        StartDelta(writer, "text_delta"u8);
        writer.WriteString("text"u8, utf8Text);
        EndDelta(writer);
    }

    public static void WriteInputDelta(Utf8JsonWriter writer, ReadOnlySpan<char> fragment)
    {
        StartDelta(writer, "input_json_delta"u8);
        writer.WriteString("partial_json"u8, fragment);
        EndDelta(writer);
    }

    public static void WriteBlockStop(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "content_block_stop"u8);
        writer.WriteNumber("index"u8, 0);
        writer.WriteEndObject();
    }

    /// <summary>The stop reason and the final, cumulative usage (input counts included, as the current API sends).</summary>
    public static void WriteMessageDelta(Utf8JsonWriter writer, FinishReason finish, string? stopSequence, int inputTokens, int outputTokens)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "message_delta"u8);
        writer.WriteStartObject("delta"u8);
        MessageHead.WriteStop(writer, finish, stopSequence);
        writer.WriteEndObject();
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("input_tokens"u8, inputTokens);
        writer.WriteNumber("cache_creation_input_tokens"u8, 0);
        writer.WriteNumber("cache_read_input_tokens"u8, 0);
        writer.WriteNumber("output_tokens"u8, outputTokens);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static void WriteMessageStop(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "message_stop"u8);
        writer.WriteEndObject();
    }

    /// <summary>An error inside the 200 stream: Anthropic's error body without the request id.</summary>
    public static void WriteError(Utf8JsonWriter writer, AnthropicError error)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "error"u8);
        writer.WriteStartObject("error"u8);
        writer.WriteString("type"u8, error.Type);
        writer.WriteString("message"u8, error.Message);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void StartDelta(Utf8JsonWriter writer, ReadOnlySpan<byte> type)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "content_block_delta"u8);
        writer.WriteNumber("index"u8, 0);
        writer.WriteStartObject("delta"u8);
        writer.WriteString("type"u8, type);
    }

    private static void EndDelta(Utf8JsonWriter writer)
    {
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
