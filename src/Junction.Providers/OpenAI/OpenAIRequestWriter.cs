using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Junction.Core.Requests;
using Junction.Providers.Presets;

namespace Junction.Providers.OpenAI;

/// <summary>Writes the canonical request as an OpenAI Chat Completions body, bent to the provider's quirks.</summary>
internal static class OpenAIRequestWriter
{
    // Relaxed escaping keeps non-ASCII text and markup as-is: the body is JSON over HTTP, never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static void Write(IBufferWriter<byte> output, ChatRequest request, string upstreamModel, ProviderQuirks quirks, bool stream)
    {
        var writer = t_writer ??= new Utf8JsonWriter(Stream.Null, Options);
        writer.Reset(output);
        try
        {
            WriteBody(writer, request, upstreamModel, quirks, stream);
            writer.Flush();
        }
        finally
        {
            writer.Reset(Stream.Null);
        }
    }

    private static void WriteBody(Utf8JsonWriter writer, ChatRequest request, string upstreamModel, ProviderQuirks quirks, bool stream)
    {
        writer.WriteStartObject();
        writer.WriteString("model"u8, upstreamModel);

        writer.WriteStartArray("messages"u8);
        foreach (var message in request.Messages)
        {
            WriteMessage(writer, message, quirks);
        }

        writer.WriteEndArray();

        if (request.Tools.Count > 0)
        {
            writer.WriteStartArray("tools"u8);
            foreach (var tool in request.Tools)
            {
                WriteTool(writer, tool);
            }

            writer.WriteEndArray();
        }

        if (request.ToolChoice is { } toolChoice)
        {
            writer.WritePropertyName("tool_choice"u8);
            toolChoice.WriteTo(writer);
        }

        if (request.ParallelToolCalls is { } parallel)
        {
            writer.WriteBoolean("parallel_tool_calls"u8, parallel);
        }

        if (request.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature"u8, temperature);
        }

        if (request.TopP is { } topP)
        {
            writer.WriteNumber("top_p"u8, topP);
        }

        if (request.MaxTokens is { } maxTokens)
        {
            writer.WriteNumber(quirks.UsesMaxCompletionTokens ? "max_completion_tokens"u8 : "max_tokens"u8, maxTokens);
        }

        if (request.Stop.Count > 0)
        {
            writer.WriteStartArray("stop"u8);
            foreach (var stop in request.Stop)
            {
                writer.WriteStringValue(stop);
            }

            writer.WriteEndArray();
        }

        if (request.ResponseFormat is { } format)
        {
            WriteResponseFormat(writer, format);
        }

        if (request.Seed is { } seed)
        {
            writer.WriteNumber(quirks.SeedField, seed);
        }

        if (request.User is { } user && quirks.SupportsUser)
        {
            writer.WriteString("user"u8, user);
        }

        if (stream)
        {
            writer.WriteBoolean("stream"u8, true);

            // Always ask for usage: spend is settled from it even when the caller did not ask to see it.
            if (quirks.SupportsStreamOptions)
            {
                writer.WriteStartObject("stream_options"u8);
                writer.WriteBoolean("include_usage"u8, true);
                writer.WriteEndObject();
            }
        }

        foreach (var (name, value) in request.Extra)
        {
            if (IsReserved(name))
            {
                continue;
            }

            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>Fields this writer owns: an <c>Extra</c> entry of the same name would duplicate or contradict them.</summary>
    private static bool IsReserved(string name) => name switch
    {
        "model" or "messages" or "tools" or "tool_choice" or "parallel_tool_calls" or "temperature" or "top_p"
            or "max_tokens" or "max_completion_tokens" or "stop" or "response_format" or "seed" or "random_seed"
            or "user" or "stream" or "stream_options" => true,

        // Junction's own routing knobs never travel upstream.
        "junction" => true,
        _ => false,
    };

    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage message, ProviderQuirks quirks)
    {
        writer.WriteStartObject();
        writer.WriteString("role"u8, message.Role switch
        {
            ChatRole.System => "system"u8,
            ChatRole.Developer => quirks.SupportsDeveloperRole ? "developer"u8 : "system"u8,
            ChatRole.User => "user"u8,
            ChatRole.Assistant => "assistant"u8,
            _ => "tool"u8,
        });

        WriteContent(writer, message);

        if (message.Name is { } name)
        {
            writer.WriteString("name"u8, name);
        }

        if (message.ToolCalls.Count > 0)
        {
            writer.WriteStartArray("tool_calls"u8);
            foreach (var call in message.ToolCalls)
            {
                writer.WriteStartObject();
                writer.WriteString("id"u8, call.Id);
                writer.WriteString("type"u8, "function"u8);
                writer.WriteStartObject("function"u8);
                writer.WriteString("name"u8, call.Name);
                writer.WriteString("arguments"u8, call.ArgumentsJson);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (message.ToolCallId is { } toolCallId)
        {
            writer.WriteString("tool_call_id"u8, toolCallId);
        }

        writer.WriteEndObject();
    }

    /// <summary>One text part goes as a plain string (every compatible server takes it); anything else as a part array.</summary>
    private static void WriteContent(Utf8JsonWriter writer, ChatMessage message)
    {
        var parts = message.Content;
        if (parts.Count == 0)
        {
            // An assistant turn that only called tools has null content; other roles need a string.
            if (message.Role == ChatRole.Assistant && message.ToolCalls.Count > 0)
            {
                writer.WriteNull("content"u8);
            }
            else
            {
                writer.WriteString("content"u8, string.Empty);
            }

            return;
        }

        if (parts.Count == 1 && parts[0].Kind == ContentPartKind.Text)
        {
            writer.WriteString("content"u8, parts[0].Text ?? string.Empty);
            return;
        }

        writer.WriteStartArray("content"u8);
        foreach (var part in parts)
        {
            writer.WriteStartObject();
            if (part.Kind == ContentPartKind.Image)
            {
                writer.WriteString("type"u8, "image_url"u8);
                writer.WriteStartObject("image_url"u8);
                writer.WriteString("url"u8, part.ImageUrl ?? string.Empty);
                if (part.Detail is { } detail)
                {
                    writer.WriteString("detail"u8, detail);
                }

                writer.WriteEndObject();
            }
            else
            {
                writer.WriteString("type"u8, "text"u8);
                writer.WriteString("text"u8, part.Text ?? string.Empty);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteTool(Utf8JsonWriter writer, ToolDefinition tool)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "function"u8);
        writer.WriteStartObject("function"u8);
        writer.WriteString("name"u8, tool.Name);
        if (tool.Description is { } description)
        {
            writer.WriteString("description"u8, description);
        }

        if (tool.Parameters is { } parameters)
        {
            writer.WritePropertyName("parameters"u8);
            parameters.WriteTo(writer);
        }

        if (tool.Strict is { } strict)
        {
            writer.WriteBoolean("strict"u8, strict);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteResponseFormat(Utf8JsonWriter writer, ResponseFormat format)
    {
        writer.WriteStartObject("response_format"u8);
        switch (format.Kind)
        {
            case ResponseFormatKind.JsonObject:
                writer.WriteString("type"u8, "json_object"u8);
                break;
            case ResponseFormatKind.JsonSchema:
                writer.WriteString("type"u8, "json_schema"u8);
                writer.WriteStartObject("json_schema"u8);

                // OpenAI requires a name; callers that omit one get a neutral default.
                writer.WriteString("name"u8, format.Name ?? "response");
                if (format.Schema is { } schema)
                {
                    writer.WritePropertyName("schema"u8);
                    schema.WriteTo(writer);
                }

                if (format.Strict is { } strict)
                {
                    writer.WriteBoolean("strict"u8, strict);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteString("type"u8, "text"u8);
                break;
        }

        writer.WriteEndObject();
    }
}
