using System.Text.Json;
using Junction.Providers.Abstractions;
using Junction.Server.Pipeline;

namespace Junction.Server.Ingress.Anthropic;

/// <summary>Writes a canonical completion as an Anthropic <c>message</c> object, plus Junction's root <c>junction</c> object.</summary>
internal static class MessageWriter
{
    public static void Write(Utf8JsonWriter writer, ChatCompletion completion, in ServedInfo served)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, MessageId(completion.Id));
        writer.WriteString("type"u8, "message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        writer.WriteString("model"u8, served.Model);
        writer.WriteStartArray("content"u8);
        if (!string.IsNullOrEmpty(completion.Content))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "text"u8);
            writer.WriteString("text"u8, completion.Content);
            writer.WriteEndObject();
        }

        foreach (var call in completion.ToolCalls)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "tool_use"u8);
            writer.WriteString("id"u8, call.Id);
            writer.WriteString("name"u8, call.Name);
            writer.WritePropertyName("input"u8);
            WriteInput(writer, call.ArgumentsJson);
            WriteDirectCaller(writer);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        AnthropicStopReasons.Write(writer, completion.FinishReason, completion.StopSequence);
        AnthropicUsageJson.Write(writer, completion.Usage, 0, outputOnly: false);
        served.WriteTo(writer);
        writer.WriteEndObject();
    }

    /// <summary>Anthropic ids start with <c>msg_</c>; other providers' ids are kept after that prefix.</summary>
    public static string MessageId(string id) => id.StartsWith("msg_", StringComparison.Ordinal) ? id : "msg_" + id;

    /// <summary>Current Anthropic responses say on every tool use who made the call: the model itself.</summary>
    public static void WriteDirectCaller(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("caller"u8);
        writer.WriteString("type"u8, "direct"u8);
        writer.WriteEndObject();
    }

    /// <summary>Tool input is an object; arguments a model left malformed become <c>{}</c> rather than an invalid body.</summary>
    private static void WriteInput(Utf8JsonWriter writer, string argumentsJson)
    {
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(argumentsJson) ? "{}" : argumentsJson);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                document.RootElement.WriteTo(writer);
                return;
            }
        }
        catch (JsonException)
        {
        }

        writer.WriteStartObject();
        writer.WriteEndObject();
    }
}
