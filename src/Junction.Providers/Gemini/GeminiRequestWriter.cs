using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Junction.Core.Requests;

namespace Junction.Providers.Gemini;

/// <summary>
/// Writes the canonical request as a Gemini <c>GenerateContentRequest</c>: system and developer turns become
/// <c>systemInstruction</c>, the rest <c>contents</c> with roles <c>user</c> and <c>model</c> (consecutive turns of one
/// role merged, as Gemini expects alternating turns), tools as <c>functionDeclarations</c> with their JSON Schema
/// passed verbatim in <c>parametersJsonSchema</c>, and the sampling knobs in <c>generationConfig</c>.
/// </summary>
internal static class GeminiRequestWriter
{
    /// <summary>
    /// Google's documented value for a function call that carries no thought signature of the model's own (history
    /// that passed through an OpenAI-shaped client, or came from another model). Gemini 3 rejects a replayed call
    /// without a signature; this value tells it to skip the check.
    /// </summary>
    internal const string SkipThoughtSignature = "skip_thought_signature_validator";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static void Write(IBufferWriter<byte> output, ChatRequest request)
    {
        var writer = t_writer ??= new Utf8JsonWriter(Stream.Null, Options);
        writer.Reset(output);
        try
        {
            WriteBody(writer, request);
            writer.Flush();
        }
        finally
        {
            writer.Reset(Stream.Null);
        }
    }

    private static void WriteBody(Utf8JsonWriter writer, ChatRequest request)
    {
        writer.WriteStartObject();
        WriteContents(writer, request.Messages);
        WriteSystemInstruction(writer, request.Messages);

        if (request.Tools.Count > 0)
        {
            WriteTools(writer, request.Tools);
            if (request.ToolChoice is { } toolChoice)
            {
                WriteToolConfig(writer, toolChoice);
            }
        }

        WriteGenerationConfig(writer, request);
        writer.WriteEndObject();
    }

    private static void WriteContents(Utf8JsonWriter writer, List<ChatMessage> messages)
    {
        writer.WriteStartArray("contents"u8);
        var openRole = (ReadOnlySpan<byte>)default;
        var open = false;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (message.Role is ChatRole.System or ChatRole.Developer || !HasParts(message))
            {
                continue;
            }

            // Tool results go back in a user turn; an assistant turn is the model's.
            var role = message.Role == ChatRole.Assistant ? "model"u8 : "user"u8;
            if (!open || !role.SequenceEqual(openRole))
            {
                if (open)
                {
                    EndContent(writer);
                }

                writer.WriteStartObject();
                writer.WriteString("role"u8, role);
                writer.WriteStartArray("parts"u8);
                openRole = role;
                open = true;
            }

            WriteParts(writer, messages, i);
        }

        if (open)
        {
            EndContent(writer);
        }

        writer.WriteEndArray();
    }

    private static void EndContent(Utf8JsonWriter writer)
    {
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Whether a turn has anything Gemini accepts: it rejects a content without parts and an empty text part.</summary>
    private static bool HasParts(ChatMessage message)
    {
        if (message.Role == ChatRole.Tool || message.ToolCalls.Count > 0)
        {
            return true;
        }

        foreach (var part in message.Content)
        {
            if (part.Kind == ContentPartKind.Image ? !string.IsNullOrEmpty(part.ImageUrl) : !string.IsNullOrEmpty(part.Text))
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteParts(Utf8JsonWriter writer, List<ChatMessage> messages, int index)
    {
        var message = messages[index];
        if (message.Role == ChatRole.Tool)
        {
            WriteFunctionResponse(writer, messages, index);
            return;
        }

        foreach (var part in message.Content)
        {
            if (part.Kind == ContentPartKind.Image)
            {
                if (!string.IsNullOrEmpty(part.ImageUrl))
                {
                    WriteImage(writer, part.ImageUrl);
                }
            }
            else if (!string.IsNullOrEmpty(part.Text))
            {
                writer.WriteStartObject();
                writer.WriteString("text"u8, part.Text);
                writer.WriteEndObject();
            }
        }

        for (var i = 0; i < message.ToolCalls.Count; i++)
        {
            var call = message.ToolCalls[i];
            writer.WriteStartObject();
            writer.WriteStartObject("functionCall"u8);
            if (!string.IsNullOrEmpty(call.Id))
            {
                writer.WriteString("id"u8, call.Id);
            }

            writer.WriteString("name"u8, call.Name);
            writer.WritePropertyName("args"u8);
            WriteObjectOrEmpty(writer, call.ArgumentsJson);
            writer.WriteEndObject();

            // Gemini 3 checks the signature on the first call of each model step only.
            if (i == 0)
            {
                writer.WriteString("thoughtSignature"u8, SkipThoughtSignature);
            }

            writer.WriteEndObject();
        }
    }

    /// <summary>
    /// A tool result as <c>functionResponse</c>. Gemini wants the function's name, which OpenAI-shaped callers only
    /// give through the id of the call it answers; its <c>response</c> must be an object, so anything else is wrapped.
    /// </summary>
    private static void WriteFunctionResponse(Utf8JsonWriter writer, List<ChatMessage> messages, int index)
    {
        var message = messages[index];
        writer.WriteStartObject();
        writer.WriteStartObject("functionResponse"u8);
        if (!string.IsNullOrEmpty(message.ToolCallId))
        {
            writer.WriteString("id"u8, message.ToolCallId);
        }

        writer.WriteString("name"u8, FunctionNameFor(messages, index));
        writer.WritePropertyName("response"u8);
        WriteToolResult(writer, message.Text());
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The name of the call a tool turn answers: the nearest earlier assistant call with its id.</summary>
    private static string FunctionNameFor(List<ChatMessage> messages, int index)
    {
        var id = messages[index].ToolCallId;
        if (!string.IsNullOrEmpty(id))
        {
            for (var i = index - 1; i >= 0; i--)
            {
                foreach (var call in messages[i].ToolCalls)
                {
                    if (string.Equals(call.Id, id, StringComparison.Ordinal))
                    {
                        return call.Name;
                    }
                }
            }
        }

        return messages[index].Name ?? id ?? "function";
    }

    private static void WriteToolResult(Utf8JsonWriter writer, string text)
    {
        if (TryParse(text, out var document))
        {
            using (document)
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    document.RootElement.WriteTo(writer);
                    return;
                }

                writer.WriteStartObject();
                writer.WritePropertyName("result"u8);
                document.RootElement.WriteTo(writer);
                writer.WriteEndObject();
                return;
            }
        }

        writer.WriteStartObject();
        writer.WriteString("result"u8, text);
        writer.WriteEndObject();
    }

    /// <summary>Call arguments must be an object (a protobuf Struct); anything else cannot be sent and becomes <c>{}</c>.</summary>
    private static void WriteObjectOrEmpty(Utf8JsonWriter writer, string json)
    {
        if (TryParse(json, out var document))
        {
            using (document)
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    document.RootElement.WriteTo(writer);
                    return;
                }
            }
        }

        writer.WriteStartObject();
        writer.WriteEndObject();
    }

    private static bool TryParse(string json, out JsonDocument document)
    {
        document = null!;
        if (string.IsNullOrWhiteSpace(json))
        {
            return false;
        }

        try
        {
            document = JsonDocument.Parse(json);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary><c>data:</c> URLs go inline; http(s) URLs as <c>fileData</c>, which Gemini fetches only from hosts it supports.</summary>
    private static void WriteImage(Utf8JsonWriter writer, string url)
    {
        writer.WriteStartObject();
        if (DataUrl.TryParse(url, out var mimeType, out var base64))
        {
            writer.WriteStartObject("inlineData"u8);
            writer.WriteString("mimeType"u8, mimeType);
            writer.WriteString("data"u8, base64);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStartObject("fileData"u8);
            if (DataUrl.GuessImageType(url) is { } guessed)
            {
                writer.WriteString("mimeType"u8, guessed);
            }

            writer.WriteString("fileUri"u8, url);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>Every system and developer turn, wherever it stands, in order: Gemini has one system instruction.</summary>
    private static void WriteSystemInstruction(Utf8JsonWriter writer, List<ChatMessage> messages)
    {
        var started = false;
        foreach (var message in messages)
        {
            if (message.Role is not (ChatRole.System or ChatRole.Developer))
            {
                continue;
            }

            foreach (var part in message.Content)
            {
                if (part.Kind != ContentPartKind.Text || string.IsNullOrEmpty(part.Text))
                {
                    continue;
                }

                if (!started)
                {
                    writer.WriteStartObject("systemInstruction"u8);
                    writer.WriteStartArray("parts"u8);
                    started = true;
                }

                writer.WriteStartObject();
                writer.WriteString("text"u8, part.Text);
                writer.WriteEndObject();
            }
        }

        if (started)
        {
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }

    private static void WriteTools(Utf8JsonWriter writer, List<ToolDefinition> tools)
    {
        writer.WriteStartArray("tools"u8);
        writer.WriteStartObject();
        writer.WriteStartArray("functionDeclarations"u8);
        foreach (var tool in tools)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, tool.Name);
            if (tool.Description is { } description)
            {
                writer.WriteString("description"u8, description);
            }

            // The caller's JSON Schema as is: Gemini's parametersJsonSchema takes full JSON Schema, where the older
            // parameters field takes only an OpenAPI subset that would need lossy conversion.
            if (tool.Parameters is { ValueKind: JsonValueKind.Object } parameters)
            {
                writer.WritePropertyName("parametersJsonSchema"u8);
                parameters.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    /// <summary>OpenAI's <c>tool_choice</c> as Gemini's <c>functionCallingConfig</c>; an unknown value leaves Gemini's default (AUTO).</summary>
    private static void WriteToolConfig(Utf8JsonWriter writer, JsonElement toolChoice)
    {
        ReadOnlySpan<byte> mode;
        string? name = null;
        if (toolChoice.ValueKind == JsonValueKind.String)
        {
            if (toolChoice.ValueEquals("auto"u8))
            {
                mode = "AUTO"u8;
            }
            else if (toolChoice.ValueEquals("required"u8))
            {
                mode = "ANY"u8;
            }
            else if (toolChoice.ValueEquals("none"u8))
            {
                mode = "NONE"u8;
            }
            else
            {
                return;
            }
        }
        else if (toolChoice.ValueKind == JsonValueKind.Object
            && toolChoice.TryGetProperty("function"u8, out var function)
            && function.ValueKind == JsonValueKind.Object
            && function.TryGetProperty("name"u8, out var nameElement)
            && nameElement.ValueKind == JsonValueKind.String)
        {
            mode = "ANY"u8;
            name = nameElement.GetString();
        }
        else
        {
            return;
        }

        writer.WriteStartObject("toolConfig"u8);
        writer.WriteStartObject("functionCallingConfig"u8);
        writer.WriteString("mode"u8, mode);
        if (name is not null)
        {
            writer.WriteStartArray("allowedFunctionNames"u8);
            writer.WriteStringValue(name);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteGenerationConfig(Utf8JsonWriter writer, ChatRequest request)
    {
        var format = request.ResponseFormat;
        var json = format is { Kind: ResponseFormatKind.JsonObject or ResponseFormatKind.JsonSchema };
        if (request.Temperature is null && request.TopP is null && request.MaxTokens is null && request.Stop.Count == 0
            && request.Seed is null && !json)
        {
            return;
        }

        writer.WriteStartObject("generationConfig"u8);
        if (request.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature"u8, temperature);
        }

        if (request.TopP is { } topP)
        {
            writer.WriteNumber("topP"u8, topP);
        }

        if (request.MaxTokens is { } maxTokens)
        {
            writer.WriteNumber("maxOutputTokens"u8, maxTokens);
        }

        if (request.Stop.Count > 0)
        {
            writer.WriteStartArray("stopSequences"u8);
            foreach (var stop in request.Stop)
            {
                writer.WriteStringValue(stop);
            }

            writer.WriteEndArray();
        }

        if (request.Seed is { } seed)
        {
            writer.WriteNumber("seed"u8, seed);
        }

        if (json)
        {
            writer.WriteString("responseMimeType"u8, "application/json"u8);

            // JSON Schema as is (responseJsonSchema), not the OpenAPI subset of responseSchema.
            if (format!.Kind == ResponseFormatKind.JsonSchema && format.Schema is { ValueKind: JsonValueKind.Object } schema)
            {
                writer.WritePropertyName("responseJsonSchema"u8);
                schema.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }
}
