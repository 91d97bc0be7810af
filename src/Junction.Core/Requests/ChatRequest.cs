using System.Text.Json;
using Junction.Core.Catalog;

namespace Junction.Core.Requests;

/// <summary>
/// The provider-neutral chat request: ingress adapters parse into it, provider adapters translate out of it.
/// Fields no adapter understands ride in <see cref="Extra"/> and pass through to a provider of the same dialect.
/// </summary>
public sealed class ChatRequest
{
    /// <summary>What the caller put in <c>model</c>: a concrete model, a strategy name or <c>auto</c>.</summary>
    public string? Model { get; set; }

    public List<ChatMessage> Messages { get; } = [];

    public List<ToolDefinition> Tools { get; } = [];

    /// <summary>The tool choice as the caller sent it (OpenAI shape: "auto", "none", "required" or an object).</summary>
    public JsonElement? ToolChoice { get; set; }

    public bool? ParallelToolCalls { get; set; }

    public int? MaxTokens { get; set; }

    public double? Temperature { get; set; }

    public double? TopP { get; set; }

    public List<string> Stop { get; } = [];

    public ResponseFormat? ResponseFormat { get; set; }

    public bool Stream { get; set; }

    /// <summary>Whether the caller asked for a final usage chunk (OpenAI <c>stream_options.include_usage</c>).</summary>
    public bool IncludeUsage { get; set; }

    public string? User { get; set; }

    public int? Seed { get; set; }

    /// <summary>Fields of the caller's dialect that no adapter maps, kept verbatim for same-dialect passthrough.</summary>
    public Dictionary<string, JsonElement> Extra { get; } = new(StringComparer.Ordinal);

    /// <summary>The capabilities a model must have to take this request (part of the host floor's <c>fits</c>).</summary>
    public ModelCapabilities Needs()
    {
        var needs = ModelCapabilities.None;
        if (Tools.Count > 0)
        {
            needs |= ModelCapabilities.Tools;
        }

        if (Stream)
        {
            needs |= ModelCapabilities.Streaming;
        }

        if (ResponseFormat?.Kind == ResponseFormatKind.JsonSchema)
        {
            needs |= ModelCapabilities.JsonSchema;
        }
        else if (ResponseFormat?.Kind == ResponseFormatKind.JsonObject)
        {
            needs |= ModelCapabilities.JsonMode;
        }

        foreach (var message in Messages)
        {
            foreach (var part in message.Content)
            {
                if (part.Kind == ContentPartKind.Image)
                {
                    return needs | ModelCapabilities.Vision;
                }
            }
        }

        return needs;
    }
}

/// <summary>A message's author.</summary>
public enum ChatRole
{
    System,
    Developer,
    User,
    Assistant,
    Tool,
}

/// <summary>One turn of the conversation.</summary>
public sealed class ChatMessage
{
    public required ChatRole Role { get; init; }

    /// <summary>Text and images, in order. A plain string content is one text part.</summary>
    public List<ContentPart> Content { get; } = [];

    public string? Name { get; init; }

    /// <summary>Tool calls an assistant turn made.</summary>
    public List<ToolCall> ToolCalls { get; } = [];

    /// <summary>For a tool turn: the call it answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>The concatenated text of the content parts.</summary>
    public string Text()
    {
        if (Content.Count == 1 && Content[0].Kind == ContentPartKind.Text)
        {
            return Content[0].Text ?? string.Empty;
        }

        return string.Concat(Content.Where(p => p.Kind == ContentPartKind.Text).Select(p => p.Text));
    }
}

/// <summary>The kind of a <see cref="ContentPart"/>.</summary>
public enum ContentPartKind
{
    Text,
    Image,
}

/// <summary>A piece of message content: text, or an image by URL or as base64 data.</summary>
public sealed record ContentPart
{
    public required ContentPartKind Kind { get; init; }

    public string? Text { get; init; }

    /// <summary>An http(s) URL or a <c>data:</c> URL.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>OpenAI's image <c>detail</c> hint, where given.</summary>
    public string? Detail { get; init; }

    public static ContentPart FromText(string text) => new() { Kind = ContentPartKind.Text, Text = text };
}

/// <summary>A function the model may call.</summary>
public sealed record ToolDefinition
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>JSON Schema of the arguments.</summary>
    public JsonElement? Parameters { get; init; }

    public bool? Strict { get; init; }
}

/// <summary>A call the model made to a tool.</summary>
public sealed record ToolCall(string Id, string Name, string ArgumentsJson);

/// <summary>The kind of structured output the caller asked for.</summary>
public enum ResponseFormatKind
{
    Text,
    JsonObject,
    JsonSchema,
}

/// <summary>The requested output format; <see cref="Schema"/> holds the JSON Schema for <see cref="ResponseFormatKind.JsonSchema"/>.</summary>
public sealed record ResponseFormat(ResponseFormatKind Kind, string? Name = null, JsonElement? Schema = null, bool? Strict = null);
