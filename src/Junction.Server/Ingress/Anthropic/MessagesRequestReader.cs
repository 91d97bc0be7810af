using System.Text.Json;
using Junction.Core.Requests;
using Junction.Server.Ingress.OpenAI;

namespace Junction.Server.Ingress.Anthropic;

/// <summary>
/// Reads an Anthropic Messages request into the canonical <see cref="ChatRequest"/>: system, content blocks (text,
/// image, tool_use, tool_result), tools with <c>input_schema</c>, tool_choice, max_tokens (required), stop_sequences,
/// temperature, top_p, metadata.user_id, stream, and the root <c>junction</c> routing object.
/// </summary>
internal static class MessagesRequestReader
{
    /// <summary>Accepted and dropped: no canonical equivalent (see docs/providers.md).</summary>
    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal) { "top_k", "service_tier", "thinking", "container", "mcp_servers", "context_management" };

    private static readonly JsonElement ChoiceAuto = Parse("\"auto\"");
    private static readonly JsonElement ChoiceRequired = Parse("\"required\"");
    private static readonly JsonElement ChoiceNone = Parse("\"none\"");

    public static ApiError? Read(JsonElement root, ChatRequest request, RoutingKnobs knobs)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ApiErrors.BadField("body", "The request body must be a JSON object.");
        }

        var sawMaxTokens = false;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            ApiError? error = null;
            switch (property.Name)
            {
                case "model":
                    request.Model = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                    error = string.IsNullOrEmpty(request.Model) ? ApiErrors.BadField("model", "'model' must be a non-empty string.") : null;
                    break;
                case "max_tokens":
                    sawMaxTokens = true;
                    error = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var max) && max >= 1
                        ? Set(() => request.MaxTokens = max)
                        : ApiErrors.BadField("max_tokens", "'max_tokens' must be a positive integer.");
                    break;
                case "system":
                    error = ReadSystem(value, request);
                    break;
                case "messages":
                    error = ReadMessages(value, request);
                    break;
                case "tools":
                    error = ReadTools(value, request);
                    break;
                case "tool_choice":
                    error = ReadToolChoice(value, request);
                    break;
                case "stop_sequences":
                    error = ReadStops(value, request);
                    break;
                case "temperature":
                    error = ReadNumber(value, "temperature", 0, 1, v => request.Temperature = v);
                    break;
                case "top_p":
                    error = ReadNumber(value, "top_p", 0, 1, v => request.TopP = v);
                    break;
                case "stream":
                    error = value.ValueKind is JsonValueKind.True or JsonValueKind.False
                        ? Set(() => request.Stream = value.GetBoolean())
                        : ApiErrors.BadField("stream", "'stream' must be a boolean.");
                    break;
                case "metadata":
                    if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("user_id"u8, out var user) && user.ValueKind == JsonValueKind.String)
                    {
                        request.User = user.GetString();
                    }

                    break;
                case "junction":
                    error = ChatRequestReader.ReadKnobs(value, knobs);
                    break;
                default:
                    if (!Dropped.Contains(property.Name))
                    {
                        error = ApiErrors.BadField(property.Name, $"{property.Name}: Extra inputs are not permitted");
                    }

                    break;
            }

            if (error is not null)
            {
                return error;
            }
        }

        if (request.Model is null)
        {
            return ApiErrors.MissingField("model", "model: Field required");
        }

        if (!sawMaxTokens)
        {
            return ApiErrors.MissingField("max_tokens", "max_tokens: Field required");
        }

        if (request.Messages.Count == 0 || request.Messages[^1].Role == ChatRole.System)
        {
            return ApiErrors.MissingField("messages", "messages: at least one message is required");
        }

        // The gateway always settles cost from the upstream's usage.
        request.IncludeUsage = true;
        return null;
    }

    private static ApiError? ReadSystem(JsonElement value, ChatRequest request)
    {
        var message = new ChatMessage { Role = ChatRole.System };
        if (value.ValueKind == JsonValueKind.String)
        {
            message.Content.Add(ContentPart.FromText(value.GetString()!));
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in value.EnumerateArray())
            {
                if (Type(block) != "text" || !block.TryGetProperty("text"u8, out var text) || text.ValueKind != JsonValueKind.String)
                {
                    return ApiErrors.BadField("system", "system: only text blocks are allowed.");
                }

                message.Content.Add(ContentPart.FromText(text.GetString()!));
            }
        }
        else
        {
            return ApiErrors.BadField("system", "system: must be a string or an array of text blocks.");
        }

        request.Messages.Insert(0, message);
        return null;
    }

    private static ApiError? ReadMessages(JsonElement value, ChatRequest request)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return ApiErrors.BadField("messages", "messages: must be an array.");
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var param = $"messages.{index++}";
            var role = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("role"u8, out var r) ? r.GetString() : null;
            if (role is not ("user" or "assistant"))
            {
                return ApiErrors.BadField(param + ".role", $"{param}.role: must be 'user' or 'assistant'.");
            }

            if (!item.TryGetProperty("content"u8, out var content))
            {
                return ApiErrors.MissingField(param + ".content", $"{param}.content: Field required");
            }

            var message = new ChatMessage { Role = role == "user" ? ChatRole.User : ChatRole.Assistant };
            if (content.ValueKind == JsonValueKind.String)
            {
                message.Content.Add(ContentPart.FromText(content.GetString()!));
                request.Messages.Add(message);
                continue;
            }

            if (content.ValueKind != JsonValueKind.Array)
            {
                return ApiErrors.BadField(param + ".content", $"{param}.content: must be a string or an array of blocks.");
            }

            foreach (var block in content.EnumerateArray())
            {
                var error = ReadBlock(block, message, request, param);
                if (error is not null)
                {
                    return error;
                }
            }

            if (message.Content.Count > 0 || message.ToolCalls.Count > 0)
            {
                request.Messages.Add(message);
            }
        }

        return null;
    }

    private static ApiError? ReadBlock(JsonElement block, ChatMessage message, ChatRequest request, string param)
    {
        switch (Type(block))
        {
            case "text":
                message.Content.Add(ContentPart.FromText(block.TryGetProperty("text"u8, out var text) ? text.GetString() ?? string.Empty : string.Empty));
                return null;
            case "image":
                if (!block.TryGetProperty("source"u8, out var source) || source.ValueKind != JsonValueKind.Object)
                {
                    return ApiErrors.MissingField(param + ".content.source", $"{param}: an image block needs a source.");
                }

                var url = Type(source) switch
                {
                    "base64" => $"data:{Str(source, "media_type")};base64,{Str(source, "data")}",
                    "url" => Str(source, "url"),
                    _ => null,
                };
                if (string.IsNullOrEmpty(url))
                {
                    return ApiErrors.BadField(param + ".content.source", $"{param}: image source must be base64 or url.");
                }

                message.Content.Add(new ContentPart { Kind = ContentPartKind.Image, ImageUrl = url });
                return null;
            case "tool_use" when message.Role == ChatRole.Assistant:
                var input = block.TryGetProperty("input"u8, out var i) ? i.GetRawText() : "{}";
                message.ToolCalls.Add(new ToolCall(Str(block, "id") ?? string.Empty, Str(block, "name") ?? string.Empty, input));
                return null;
            case "tool_result" when message.Role == ChatRole.User:
                // Each result is its own tool turn, ahead of whatever else the user turn says.
                var result = new ChatMessage { Role = ChatRole.Tool, ToolCallId = Str(block, "tool_use_id") };
                if (block.TryGetProperty("content"u8, out var body))
                {
                    if (body.ValueKind == JsonValueKind.String)
                    {
                        result.Content.Add(ContentPart.FromText(body.GetString()!));
                    }
                    else if (body.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var part in body.EnumerateArray())
                        {
                            if (Type(part) == "text")
                            {
                                result.Content.Add(ContentPart.FromText(Str(part, "text") ?? string.Empty));
                            }
                        }
                    }
                }

                if (result.Content.Count == 0)
                {
                    result.Content.Add(ContentPart.FromText(string.Empty));
                }

                request.Messages.Add(result);
                return null;
            default:
                return ApiErrors.BadField(param + ".content", $"{param}.content: unsupported block type '{Type(block)}'.");
        }
    }

    private static ApiError? ReadTools(JsonElement value, ChatRequest request)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return ApiErrors.BadField("tools", "tools: must be an array.");
        }

        var index = 0;
        foreach (var tool in value.EnumerateArray())
        {
            var name = Str(tool, "name");
            if (string.IsNullOrEmpty(name))
            {
                return ApiErrors.MissingField($"tools.{index}.name", $"tools.{index}.name: Field required");
            }

            JsonElement? schema = tool.TryGetProperty("input_schema"u8, out var s) ? s.Clone() : null;
            request.Tools.Add(new ToolDefinition { Name = name, Description = Str(tool, "description"), Parameters = schema });
            index++;
        }

        return null;
    }

    private static ApiError? ReadToolChoice(JsonElement value, ChatRequest request)
    {
        switch (Type(value))
        {
            case "auto":
                request.ToolChoice = ChoiceAuto;
                break;
            case "any":
                request.ToolChoice = ChoiceRequired;
                break;
            case "none":
                request.ToolChoice = ChoiceNone;
                break;
            case "tool" when Str(value, "name") is { Length: > 0 } name:
                request.ToolChoice = Parse("{\"type\":\"function\",\"function\":{\"name\":\"" + JsonEncodedText.Encode(name) + "\"}}");
                break;
            default:
                return ApiErrors.BadField("tool_choice", "tool_choice: type must be auto, any, tool (with a name) or none.");
        }

        if (value.TryGetProperty("disable_parallel_tool_use"u8, out var disable) && disable.ValueKind == JsonValueKind.True)
        {
            request.ParallelToolCalls = false;
        }

        return null;
    }

    private static ApiError? ReadStops(JsonElement value, ChatRequest request)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return ApiErrors.BadField("stop_sequences", "stop_sequences: must be an array of strings.");
        }

        foreach (var stop in value.EnumerateArray())
        {
            if (stop.ValueKind != JsonValueKind.String)
            {
                return ApiErrors.BadField("stop_sequences", "stop_sequences: must be an array of strings.");
            }

            request.Stop.Add(stop.GetString()!);
        }

        return null;
    }

    private static ApiError? ReadNumber(JsonElement value, string name, double min, double max, Action<double> set)
    {
        if (value.ValueKind != JsonValueKind.Number || value.GetDouble() is var v && (v < min || v > max))
        {
            return ApiErrors.BadField(name, $"{name}: must be a number between {min} and {max}.");
        }

        set(v);
        return null;
    }

    private static ApiError? Set(Action set)
    {
        set();
        return null;
    }

    private static string? Type(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type"u8, out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
