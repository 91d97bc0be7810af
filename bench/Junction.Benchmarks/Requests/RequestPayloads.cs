using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Junction.Benchmarks.Requests;

/// <summary>The caller dialect a request body is written in.</summary>
public enum CallerDialect
{
    /// <summary><c>POST /v1/chat/completions</c>.</summary>
    OpenAI,

    /// <summary><c>POST /v1/messages</c>.</summary>
    Anthropic,
}

/// <summary>
/// <see cref="SampleConversation"/> as the request body a client SDK sends: OpenAI chat completions (system message,
/// <c>tool_calls</c>, <c>tool</c> turns, function tools) or Anthropic Messages (cached system block, <c>tool_use</c> and
/// <c>tool_result</c> blocks, <c>input_schema</c> tools, required <c>max_tokens</c>).
/// </summary>
internal static class RequestPayloads
{
    public static byte[] Create(CallerDialect dialect, ConversationSize size, bool stream = false) =>
        dialect == CallerDialect.OpenAI ? OpenAI(size, stream) : Anthropic(size, stream);

    public static byte[] OpenAI(ConversationSize size, bool stream)
    {
        return Write(json =>
        {
            json.WriteString("model", "auto");
            json.WriteStartArray("messages");
            json.WriteStartObject();
            json.WriteString("role", "system");
            json.WriteString("content", SampleConversation.SystemPrompt(size));
            json.WriteEndObject();
            foreach (var turn in SampleConversation.Turns(size))
            {
                json.WriteStartObject();
                json.WriteString("role", turn.Role);
                if (turn.ToolCallId is not null)
                {
                    json.WriteString("tool_call_id", turn.ToolCallId);
                }

                if (turn.Text is null)
                {
                    json.WriteNull("content");
                }
                else
                {
                    json.WriteString("content", turn.Text);
                }

                if (turn.Calls.Count > 0)
                {
                    json.WriteStartArray("tool_calls");
                    foreach (var call in turn.Calls)
                    {
                        json.WriteStartObject();
                        json.WriteString("id", call.Id);
                        json.WriteString("type", "function");
                        json.WriteStartObject("function");
                        json.WriteString("name", call.Name);
                        json.WriteString("arguments", call.ArgumentsJson);
                        json.WriteEndObject();
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("tools");
            foreach (var tool in SampleConversation.Tools)
            {
                json.WriteStartObject();
                json.WriteString("type", "function");
                json.WriteStartObject("function");
                json.WriteString("name", tool.Name);
                json.WriteString("description", tool.Description);
                json.WritePropertyName("parameters");
                json.WriteRawValue(tool.SchemaJson);
                json.WriteBoolean("strict", true);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("tool_choice", "auto");
            json.WriteBoolean("parallel_tool_calls", true);
            json.WriteNumber("temperature", 0.3);
            json.WriteNumber("max_completion_tokens", SampleConversation.MaxTokens);
            json.WriteString("user", "traveller-4821");
            if (stream)
            {
                json.WriteBoolean("stream", true);
                json.WriteStartObject("stream_options");
                json.WriteBoolean("include_usage", true);
                json.WriteEndObject();
            }
        });
    }

    public static byte[] Anthropic(ConversationSize size, bool stream)
    {
        return Write(json =>
        {
            json.WriteString("model", "auto");
            json.WriteNumber("max_tokens", SampleConversation.MaxTokens);
            json.WriteStartArray("system");
            json.WriteStartObject();
            json.WriteString("type", "text");
            json.WriteString("text", SampleConversation.SystemPrompt(size));
            json.WriteStartObject("cache_control");
            json.WriteString("type", "ephemeral");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("messages");
            var turns = SampleConversation.Turns(size);
            for (var i = 0; i < turns.Count; i++)
            {
                var turn = turns[i];
                json.WriteStartObject();
                if (turn.Role == "tool")
                {
                    // Anthropic carries consecutive tool results as blocks of one user message.
                    json.WriteString("role", "user");
                    json.WriteStartArray("content");
                    for (; i < turns.Count && turns[i].Role == "tool"; i++)
                    {
                        json.WriteStartObject();
                        json.WriteString("type", "tool_result");
                        json.WriteString("tool_use_id", turns[i].ToolCallId);
                        json.WriteString("content", turns[i].Text);
                        json.WriteEndObject();
                    }

                    i--;
                    json.WriteEndArray();
                }
                else if (turn.Calls.Count > 0)
                {
                    json.WriteString("role", "assistant");
                    json.WriteStartArray("content");
                    foreach (var call in turn.Calls)
                    {
                        json.WriteStartObject();
                        json.WriteString("type", "tool_use");
                        json.WriteString("id", "toolu_" + call.Id[5..]);
                        json.WriteString("name", call.Name);
                        json.WritePropertyName("input");
                        json.WriteRawValue(call.ArgumentsJson);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }
                else
                {
                    json.WriteString("role", turn.Role);
                    json.WriteString("content", turn.Text);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("tools");
            foreach (var tool in SampleConversation.Tools)
            {
                json.WriteStartObject();
                json.WriteString("name", tool.Name);
                json.WriteString("description", tool.Description);
                json.WritePropertyName("input_schema");
                json.WriteRawValue(tool.SchemaJson);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("tool_choice");
            json.WriteString("type", "auto");
            json.WriteEndObject();
            json.WriteNumber("temperature", 0.3);
            json.WriteStartObject("metadata");
            json.WriteString("user_id", "traveller-4821");
            json.WriteEndObject();
            if (stream)
            {
                json.WriteBoolean("stream", true);
            }
        });
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        // Literal UTF-8, as the JavaScript SDKs send it (Python's escape non-ASCII; the parse cost differs little).
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
