using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Junction.Core.Catalog;
using Junction.Core.Requests;

namespace Junction.Providers.Anthropic;

/// <summary>
/// Writes the canonical request as an Anthropic Messages body. System and developer turns become the top-level
/// <c>system</c>; the rest become strictly alternating <c>user</c>/<c>assistant</c> turns of content blocks.
/// </summary>
internal static class AnthropicRequestWriter
{
    /// <summary>
    /// The output cap sent when the caller set none (Anthropic requires one), lowered to the model's own maximum. Large
    /// enough for ordinary answers, small enough that a request never reserves a model's whole output budget.
    /// </summary>
    public const int DefaultMaxTokens = 4096;

    private const string SystemSeparator = "\n\n";

    // Relaxed escaping keeps non-ASCII text and markup as-is: the body is JSON over HTTP, never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private enum Turn
    {
        None,
        User,
        Assistant,
    }

    public static void Write(IBufferWriter<byte> output, ChatRequest request, ModelEntry model, bool stream)
    {
        var writer = t_writer ??= new Utf8JsonWriter(Stream.Null, Options);
        writer.Reset(output);
        try
        {
            WriteBody(writer, request, model, stream);
            writer.Flush();
        }
        finally
        {
            writer.Reset(Stream.Null);
        }
    }

    /// <summary>The request's output cap, else <see cref="DefaultMaxTokens"/> lowered to the model's <c>max_output</c>.</summary>
    public static int MaxTokens(ChatRequest request, ModelEntry model) =>
        request.MaxTokens ?? (model.MaxOutput > 0 ? Math.Min(model.MaxOutput, DefaultMaxTokens) : DefaultMaxTokens);

    private static void WriteBody(Utf8JsonWriter writer, ChatRequest request, ModelEntry model, bool stream)
    {
        writer.WriteStartObject();
        writer.WriteString("model"u8, model.UpstreamModel);
        writer.WriteNumber("max_tokens"u8, MaxTokens(request, model));
        WriteSystem(writer, request.Messages);
        WriteMessages(writer, request.Messages);

        // Anthropic rejects tool_choice without tools, and a choice of tools nobody offered means nothing.
        if (request.Tools.Count > 0)
        {
            writer.WriteStartArray("tools"u8);
            foreach (var tool in request.Tools)
            {
                WriteTool(writer, tool);
            }

            writer.WriteEndArray();
            WriteToolChoice(writer, request.ToolChoice, request.ParallelToolCalls);
        }

        if (request.Stop.Count > 0)
        {
            writer.WriteStartArray("stop_sequences"u8);
            foreach (var stop in request.Stop)
            {
                writer.WriteStringValue(stop);
            }

            writer.WriteEndArray();
        }

        // Anthropic's temperature runs 0..1 where OpenAI's runs 0..2: the top of the range is the same intent.
        if (request.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature"u8, Math.Clamp(temperature, 0, 1));
        }

        // Claude 4.1 and later reject temperature and top_p together; temperature is the more common knob, so it wins.
        if (request.TopP is { } topP && request.Temperature is null)
        {
            writer.WriteNumber("top_p"u8, topP);
        }

        if (request.User is { } user)
        {
            writer.WriteStartObject("metadata"u8);
            writer.WriteString("user_id"u8, user);
            writer.WriteEndObject();
        }

        // JSON mode without a schema has no Anthropic equivalent; the catalog gives Claude models no json_mode, so
        // routing never sends such a request here. A schema maps onto structured outputs.
        if (request.ResponseFormat is { Kind: ResponseFormatKind.JsonSchema, Schema: { } schema })
        {
            writer.WriteStartObject("output_config"u8);
            writer.WriteStartObject("format"u8);
            writer.WriteString("type"u8, "json_schema"u8);
            writer.WritePropertyName("schema"u8);
            schema.WriteTo(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        if (stream)
        {
            writer.WriteBoolean("stream"u8, true);
        }

        // Seed and the caller's Extra fields belong to another dialect and are not sent.
        writer.WriteEndObject();
    }

    /// <summary>System and developer turns, wherever they stand, joined into the top-level <c>system</c> string.</summary>
    private static void WriteSystem(Utf8JsonWriter writer, List<ChatMessage> messages)
    {
        string? single = null;
        List<string>? several = null;
        foreach (var message in messages)
        {
            if (message.Role is not (ChatRole.System or ChatRole.Developer))
            {
                continue;
            }

            var text = message.Text();
            if (text.Length == 0)
            {
                continue;
            }

            if (single is null)
            {
                single = text;
            }
            else
            {
                (several ??= [single]).Add(text);
            }
        }

        if (single is not null)
        {
            writer.WriteString("system"u8, several is null ? single : string.Join(SystemSeparator, several));
        }
    }

    /// <summary>
    /// Writes the conversation as alternating turns: consecutive turns of one Anthropic role (two user turns, a tool
    /// result followed by a user turn) merge into one, since the API rejects two in a row.
    /// </summary>
    private static void WriteMessages(Utf8JsonWriter writer, List<ChatMessage> messages)
    {
        writer.WriteStartArray("messages"u8);
        var open = Turn.None;
        foreach (var message in messages)
        {
            var turn = message.Role switch
            {
                ChatRole.User or ChatRole.Tool => Turn.User,
                ChatRole.Assistant => Turn.Assistant,
                _ => Turn.None,
            };

            if (turn == Turn.None || !HasBlocks(message))
            {
                continue;
            }

            if (turn != open)
            {
                if (open != Turn.None)
                {
                    EndTurn(writer);
                }

                writer.WriteStartObject();
                writer.WriteString("role"u8, turn == Turn.User ? "user"u8 : "assistant"u8);
                writer.WriteStartArray("content"u8);
                open = turn;
            }

            if (message.Role == ChatRole.Tool)
            {
                WriteToolResult(writer, message);
                continue;
            }

            WriteParts(writer, message.Content);
            foreach (var call in message.ToolCalls)
            {
                WriteToolUse(writer, call);
            }
        }

        if (open != Turn.None)
        {
            EndTurn(writer);
        }

        writer.WriteEndArray();
    }

    private static void EndTurn(Utf8JsonWriter writer)
    {
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Anthropic rejects empty text blocks and empty turns, so a turn with nothing to say is left out.</summary>
    private static bool HasBlocks(ChatMessage message)
    {
        if (message.Role == ChatRole.Tool || message.ToolCalls.Count > 0)
        {
            return true;
        }

        foreach (var part in message.Content)
        {
            if (part.Kind == ContentPartKind.Image || !string.IsNullOrEmpty(part.Text))
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteParts(Utf8JsonWriter writer, List<ContentPart> parts)
    {
        foreach (var part in parts)
        {
            if (part.Kind == ContentPartKind.Image)
            {
                WriteImage(writer, part.ImageUrl ?? string.Empty);
            }
            else if (!string.IsNullOrEmpty(part.Text))
            {
                writer.WriteStartObject();
                writer.WriteString("type"u8, "text"u8);
                writer.WriteString("text"u8, part.Text);
                writer.WriteEndObject();
            }
        }
    }

    /// <summary>
    /// A <c>data:</c> URL becomes a base64 source, anything else a URL source. OpenAI's <c>detail</c> hint has no
    /// Anthropic equivalent and is dropped.
    /// </summary>
    private static void WriteImage(Utf8JsonWriter writer, string url)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "image"u8);
        writer.WriteStartObject("source"u8);
        if (TrySplitDataUrl(url, out var mediaType, out var data))
        {
            writer.WriteString("type"u8, "base64"u8);
            writer.WriteString("media_type"u8, mediaType);
            writer.WriteString("data"u8, data);
        }
        else
        {
            // Includes a data: URL that is not base64; the API then rejects it with a message that says why.
            writer.WriteString("type"u8, "url"u8);
            writer.WriteString("url"u8, url);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Splits <c>data:image/png;base64,AAAA</c> into its media type and payload, without copying the payload.</summary>
    internal static bool TrySplitDataUrl(string url, out ReadOnlySpan<char> mediaType, out ReadOnlySpan<char> data)
    {
        mediaType = default;
        data = default;
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return false;
        }

        var header = url.AsSpan(5, comma - 5);
        if (!header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var semicolon = header.IndexOf(';');
        mediaType = header[..semicolon];
        data = url.AsSpan(comma + 1);
        return !mediaType.IsEmpty;
    }

    private static void WriteToolUse(Utf8JsonWriter writer, ToolCall call)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "tool_use"u8);
        writer.WriteString("id"u8, call.Id);
        writer.WriteString("name"u8, call.Name);
        writer.WritePropertyName("input"u8);
        WriteInput(writer, call.ArgumentsJson);
        writer.WriteEndObject();
    }

    /// <summary>
    /// OpenAI carries arguments as JSON text, Anthropic as an object. Text that is not a JSON object (a model's broken
    /// output echoed back, an empty string) is sent as an empty object rather than failing the whole request.
    /// </summary>
    private static void WriteInput(Utf8JsonWriter writer, string argumentsJson)
    {
        if (IsJsonObject(argumentsJson))
        {
            writer.WriteRawValue(argumentsJson, skipInputValidation: true);
            return;
        }

        writer.WriteStartObject();
        writer.WriteEndObject();
    }

    private static bool IsJsonObject(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A tool turn's answer: plain text as a string, anything with images as blocks.</summary>
    private static void WriteToolResult(Utf8JsonWriter writer, ChatMessage message)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "tool_result"u8);
        writer.WriteString("tool_use_id"u8, message.ToolCallId ?? string.Empty);

        var hasImage = false;
        foreach (var part in message.Content)
        {
            hasImage |= part.Kind == ContentPartKind.Image;
        }

        if (hasImage)
        {
            writer.WriteStartArray("content"u8);
            WriteParts(writer, message.Content);
            writer.WriteEndArray();
        }
        else if (message.Text() is { Length: > 0 } text)
        {
            writer.WriteString("content"u8, text);
        }

        writer.WriteEndObject();
    }

    private static void WriteTool(Utf8JsonWriter writer, ToolDefinition tool)
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, tool.Name);
        if (tool.Description is { } description)
        {
            writer.WriteString("description"u8, description);
        }

        writer.WritePropertyName("input_schema"u8);
        if (tool.Parameters is { ValueKind: JsonValueKind.Object } parameters)
        {
            parameters.WriteTo(writer);
        }
        else
        {
            // input_schema is required; a function without parameters takes an empty object.
            writer.WriteStartObject();
            writer.WriteString("type"u8, "object"u8);
            writer.WriteStartObject("properties"u8);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        if (tool.Strict is true)
        {
            writer.WriteBoolean("strict"u8, true);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// OpenAI's <c>tool_choice</c> in Anthropic's words: <c>auto</c>, <c>required</c> → <c>any</c>, <c>none</c>, or a
    /// named function → <c>tool</c>. <c>parallel_tool_calls: false</c> rides on the choice as
    /// <c>disable_parallel_tool_use</c>, so it forces an explicit <c>auto</c> when the caller sent no choice.
    /// </summary>
    private static void WriteToolChoice(Utf8JsonWriter writer, JsonElement? toolChoice, bool? parallelToolCalls)
    {
        var (type, name) = ReadToolChoice(toolChoice);
        var disableParallel = parallelToolCalls == false && type != "none";
        if (type is null)
        {
            if (!disableParallel)
            {
                return;
            }

            type = "auto";
        }

        writer.WriteStartObject("tool_choice"u8);
        writer.WriteString("type"u8, type);
        if (name is not null)
        {
            writer.WriteString("name"u8, name);
        }

        if (disableParallel)
        {
            writer.WriteBoolean("disable_parallel_tool_use"u8, true);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads OpenAI's choice: a string, <c>{"type":"function","function":{"name"}}</c>, or the flat <c>{"type":"function","name"}</c>.</summary>
    private static (string? Type, string? Name) ReadToolChoice(JsonElement? toolChoice)
    {
        if (toolChoice is not { } choice)
        {
            return (null, null);
        }

        if (choice.ValueKind == JsonValueKind.String)
        {
            return choice.GetString() switch
            {
                "auto" => ("auto", null),
                "required" or "any" => ("any", null),
                "none" => ("none", null),
                _ => (null, null),
            };
        }

        if (choice.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        if (choice.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object
            && function.TryGetProperty("name", out var nested) && nested.ValueKind == JsonValueKind.String)
        {
            return ("tool", nested.GetString());
        }

        if (choice.TryGetProperty("name", out var flat) && flat.ValueKind == JsonValueKind.String)
        {
            return ("tool", flat.GetString());
        }

        // An object naming only a mode: {"type":"auto"}, {"type":"required"}.
        if (choice.TryGetProperty("type", out var mode) && mode.ValueKind == JsonValueKind.String)
        {
            return ReadToolChoice(mode);
        }

        return (null, null);
    }
}
