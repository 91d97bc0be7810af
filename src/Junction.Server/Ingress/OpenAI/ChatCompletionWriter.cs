using System.Text.Json;
using Junction.Providers.Abstractions;
using Junction.Server.Pipeline;

namespace Junction.Server.Ingress.OpenAI;

/// <summary>Writes a canonical <see cref="ChatCompletion"/> as an OpenAI <c>chat.completion</c> with Junction's root <c>junction</c> object.</summary>
internal static class ChatCompletionWriter
{
    /// <summary>Writes the whole response body; <paramref name="model"/> is the catalog id, not the provider's own model name.</summary>
    public static void Write(Utf8JsonWriter writer, ChatCompletion completion, string model, long created, in ServedInfo served)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, completion.Id);
        writer.WriteString("object"u8, "chat.completion"u8);
        writer.WriteNumber("created"u8, created);
        writer.WriteString("model"u8, model);
        writer.WriteStartArray("choices"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, 0);
        writer.WriteStartObject("message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        if (completion.Content is null)
        {
            writer.WriteNull("content"u8);
        }
        else
        {
            writer.WriteString("content"u8, completion.Content);
        }

        if (completion.ToolCalls.Count > 0)
        {
            writer.WriteStartArray("tool_calls"u8);
            foreach (var call in completion.ToolCalls)
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

        writer.WriteNull("refusal"u8);
        writer.WriteEndObject();
        writer.WriteNull("logprobs"u8);
        writer.WriteString("finish_reason"u8, completion.FinishReason ?? "stop");
        writer.WriteEndObject();
        writer.WriteEndArray();
        if (completion.Usage is { } usage)
        {
            UsageJson.Write(writer, usage);
        }

        served.WriteTo(writer);
        writer.WriteEndObject();
    }
}
