using System.Text.Json;
using Junction.Core.Policy;
using Junction.Core.Requests;

namespace Junction.Server.Ingress.OpenAI;

/// <summary>
/// Reads an OpenAI chat-completions body into the canonical <see cref="ChatRequest"/> and the caller's
/// <see cref="RoutingKnobs"/>. Fields it does not map ride in <see cref="ChatRequest.Extra"/>; elements stay
/// views into the caller's <see cref="JsonDocument"/>, which must outlive the request.
/// </summary>
internal static class ChatRequestReader
{
    /// <summary>Fills <paramref name="request"/> and <paramref name="knobs"/>; returns the first problem, or null.</summary>
    public static ApiError? Read(JsonElement root, ChatRequest request, RoutingKnobs knobs)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ApiErrors.BadField("", "The request body must be a JSON object.");
        }

        var sawMessages = false;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            ApiError? error = null;
            if (property.NameEquals("messages"u8))
            {
                sawMessages = true;
                error = ReadMessages(value, request);
            }
            else if (property.NameEquals("model"u8))
            {
                error = ReadString(value, "model", out var model);
                request.Model = model;
            }
            else if (property.NameEquals("stream"u8))
            {
                error = ReadBool(value, "stream", out var stream);
                request.Stream = stream ?? false;
            }
            else if (property.NameEquals("stream_options"u8))
            {
                error = ReadStreamOptions(value, request);
            }
            else if (property.NameEquals("max_tokens"u8) || property.NameEquals("max_completion_tokens"u8))
            {
                error = ReadPositiveInt(value, property.Name, out var maxTokens);
                request.MaxTokens = maxTokens ?? request.MaxTokens;
            }
            else if (property.NameEquals("temperature"u8))
            {
                error = ReadNumber(value, "temperature", out var temperature);
                request.Temperature = temperature;
            }
            else if (property.NameEquals("top_p"u8))
            {
                error = ReadNumber(value, "top_p", out var topP);
                request.TopP = topP;
            }
            else if (property.NameEquals("stop"u8))
            {
                error = ReadStop(value, request);
            }
            else if (property.NameEquals("tools"u8))
            {
                error = ReadTools(value, request);
            }
            else if (property.NameEquals("tool_choice"u8))
            {
                request.ToolChoice = value.ValueKind == JsonValueKind.Null ? null : value;
            }
            else if (property.NameEquals("parallel_tool_calls"u8))
            {
                error = ReadBool(value, "parallel_tool_calls", out var parallel);
                request.ParallelToolCalls = parallel;
            }
            else if (property.NameEquals("response_format"u8))
            {
                error = ReadResponseFormat(value, request);
            }
            else if (property.NameEquals("user"u8))
            {
                error = ReadString(value, "user", out var user);
                request.User = user;
            }
            else if (property.NameEquals("seed"u8))
            {
                error = ReadInt(value, "seed", out var seed);
                request.Seed = seed;
            }
            else if (property.NameEquals("junction"u8))
            {
                error = ReadKnobs(value, knobs);
            }
            else
            {
                request.Extra[property.Name] = value;
            }

            if (error is not null)
            {
                return error;
            }
        }

        if (!sawMessages || request.Messages.Count == 0)
        {
            return ApiErrors.MissingField("messages", "'messages' must be a non-empty array of messages.");
        }

        return null;
    }

    /// <summary>Reads an OpenAI <c>messages</c> array (also used by the dry run).</summary>
    internal static ApiError? ReadMessages(JsonElement value, ChatRequest request)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return ApiErrors.BadField("messages", "'messages' must be an array.");
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var error = ReadMessage(item, index, out var message);
            if (error is not null)
            {
                return error;
            }

            request.Messages.Add(message!);
            index++;
        }

        return null;
    }

    private static ApiError? ReadMessage(JsonElement item, int index, out ChatMessage? message)
    {
        message = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            return ApiErrors.BadField($"messages[{index}]", $"messages[{index}] must be an object.");
        }

        if (!item.TryGetProperty("role"u8, out var roleElement) || roleElement.ValueKind != JsonValueKind.String)
        {
            return ApiErrors.BadField($"messages[{index}].role", $"messages[{index}].role must be one of system, developer, user, assistant, tool.");
        }

        ChatRole role;
        if (roleElement.ValueEquals("user"u8))
        {
            role = ChatRole.User;
        }
        else if (roleElement.ValueEquals("assistant"u8))
        {
            role = ChatRole.Assistant;
        }
        else if (roleElement.ValueEquals("system"u8))
        {
            role = ChatRole.System;
        }
        else if (roleElement.ValueEquals("developer"u8))
        {
            role = ChatRole.Developer;
        }
        else if (roleElement.ValueEquals("tool"u8))
        {
            role = ChatRole.Tool;
        }
        else
        {
            return ApiErrors.BadField($"messages[{index}].role", $"messages[{index}].role must be one of system, developer, user, assistant, tool.");
        }

        string? name = null;
        string? toolCallId = null;
        if (item.TryGetProperty("name"u8, out var nameElement) && nameElement.ValueKind == JsonValueKind.String)
        {
            name = nameElement.GetString();
        }

        if (item.TryGetProperty("tool_call_id"u8, out var toolCallIdElement) && toolCallIdElement.ValueKind == JsonValueKind.String)
        {
            toolCallId = toolCallIdElement.GetString();
        }

        var result = new ChatMessage { Role = role, Name = name, ToolCallId = toolCallId };
        if (item.TryGetProperty("content"u8, out var content))
        {
            var error = ReadContent(content, index, result);
            if (error is not null)
            {
                return error;
            }
        }

        if (item.TryGetProperty("tool_calls"u8, out var toolCalls) && toolCalls.ValueKind != JsonValueKind.Null)
        {
            var error = ReadToolCalls(toolCalls, index, result);
            if (error is not null)
            {
                return error;
            }
        }

        message = result;
        return null;
    }

    private static ApiError? ReadContent(JsonElement content, int index, ChatMessage message)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                message.Content.Add(ContentPart.FromText(content.GetString()!));
                return null;
            case JsonValueKind.Array:
                break;
            default:
                return ApiErrors.BadField($"messages[{index}].content", $"messages[{index}].content must be a string or an array of content parts.");
        }

        var partIndex = 0;
        foreach (var part in content.EnumerateArray())
        {
            var param = $"messages[{index}].content[{partIndex}]";
            if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type"u8, out var type) || type.ValueKind != JsonValueKind.String)
            {
                return ApiErrors.BadField(param, $"{param} must be an object with a 'type'.");
            }

            if (type.ValueEquals("text"u8))
            {
                if (!part.TryGetProperty("text"u8, out var text) || text.ValueKind != JsonValueKind.String)
                {
                    return ApiErrors.BadField($"{param}.text", $"{param}.text must be a string.");
                }

                message.Content.Add(ContentPart.FromText(text.GetString()!));
            }
            else if (type.ValueEquals("image_url"u8))
            {
                if (!part.TryGetProperty("image_url"u8, out var image))
                {
                    return ApiErrors.BadField($"{param}.image_url", $"{param}.image_url is required.");
                }

                string? url = null;
                string? detail = null;
                if (image.ValueKind == JsonValueKind.String)
                {
                    url = image.GetString();
                }
                else if (image.ValueKind == JsonValueKind.Object && image.TryGetProperty("url"u8, out var urlElement) && urlElement.ValueKind == JsonValueKind.String)
                {
                    url = urlElement.GetString();
                    if (image.TryGetProperty("detail"u8, out var detailElement) && detailElement.ValueKind == JsonValueKind.String)
                    {
                        detail = detailElement.GetString();
                    }
                }

                if (string.IsNullOrEmpty(url))
                {
                    return ApiErrors.BadField($"{param}.image_url", $"{param}.image_url must have a 'url'.");
                }

                message.Content.Add(new ContentPart { Kind = ContentPartKind.Image, ImageUrl = url, Detail = detail });
            }
            else
            {
                return ApiErrors.BadField($"{param}.type", $"{param}.type '{type.GetString()}' is not supported; use 'text' or 'image_url'.");
            }

            partIndex++;
        }

        return null;
    }

    private static ApiError? ReadToolCalls(JsonElement toolCalls, int index, ChatMessage message)
    {
        if (toolCalls.ValueKind != JsonValueKind.Array)
        {
            return ApiErrors.BadField($"messages[{index}].tool_calls", $"messages[{index}].tool_calls must be an array.");
        }

        var callIndex = 0;
        foreach (var call in toolCalls.EnumerateArray())
        {
            var param = $"messages[{index}].tool_calls[{callIndex}]";
            if (call.ValueKind != JsonValueKind.Object ||
                !call.TryGetProperty("id"u8, out var id) || id.ValueKind != JsonValueKind.String ||
                !call.TryGetProperty("function"u8, out var function) || function.ValueKind != JsonValueKind.Object ||
                !function.TryGetProperty("name"u8, out var name) || name.ValueKind != JsonValueKind.String)
            {
                return ApiErrors.BadField(param, $"{param} must have an 'id' and a 'function' with a 'name'.");
            }

            var arguments = function.TryGetProperty("arguments"u8, out var args) && args.ValueKind == JsonValueKind.String ? args.GetString()! : "{}";
            message.ToolCalls.Add(new ToolCall(id.GetString()!, name.GetString()!, arguments));
            callIndex++;
        }

        return null;
    }

    private static ApiError? ReadTools(JsonElement value, ChatRequest request)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return ApiErrors.BadField("tools", "'tools' must be an array.");
        }

        var index = 0;
        foreach (var tool in value.EnumerateArray())
        {
            var param = $"tools[{index}]";
            if (tool.ValueKind != JsonValueKind.Object ||
                !tool.TryGetProperty("function"u8, out var function) || function.ValueKind != JsonValueKind.Object ||
                !function.TryGetProperty("name"u8, out var name) || name.ValueKind != JsonValueKind.String)
            {
                return ApiErrors.BadField(param, $"{param} must be {{\"type\":\"function\",\"function\":{{\"name\":...}}}}.");
            }

            string? description = null;
            if (function.TryGetProperty("description"u8, out var descriptionElement) && descriptionElement.ValueKind == JsonValueKind.String)
            {
                description = descriptionElement.GetString();
            }

            JsonElement? parameters = function.TryGetProperty("parameters"u8, out var parametersElement) && parametersElement.ValueKind == JsonValueKind.Object
                ? parametersElement
                : null;
            bool? strict = function.TryGetProperty("strict"u8, out var strictElement) && strictElement.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? strictElement.GetBoolean()
                : null;
            request.Tools.Add(new ToolDefinition { Name = name.GetString()!, Description = description, Parameters = parameters, Strict = strict });
            index++;
        }

        return null;
    }

    private static ApiError? ReadStop(JsonElement value, ChatRequest request)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                request.Stop.Add(value.GetString()!);
                return null;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return ApiErrors.BadField("stop", "'stop' must be a string or an array of strings.");
                    }

                    request.Stop.Add(item.GetString()!);
                }

                return null;
            default:
                return ApiErrors.BadField("stop", "'stop' must be a string or an array of strings.");
        }
    }

    private static ApiError? ReadResponseFormat(JsonElement value, ChatRequest request)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("type"u8, out var type) || type.ValueKind != JsonValueKind.String)
        {
            return ApiErrors.BadField("response_format", "'response_format' must be an object with a 'type'.");
        }

        if (type.ValueEquals("text"u8))
        {
            request.ResponseFormat = new ResponseFormat(ResponseFormatKind.Text);
        }
        else if (type.ValueEquals("json_object"u8))
        {
            request.ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonObject);
        }
        else if (type.ValueEquals("json_schema"u8))
        {
            if (!value.TryGetProperty("json_schema"u8, out var spec) || spec.ValueKind != JsonValueKind.Object)
            {
                return ApiErrors.BadField("response_format.json_schema", "'response_format.json_schema' is required for type 'json_schema'.");
            }

            var name = spec.TryGetProperty("name"u8, out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            JsonElement? schema = spec.TryGetProperty("schema"u8, out var s) && s.ValueKind == JsonValueKind.Object ? s : null;
            bool? strict = spec.TryGetProperty("strict"u8, out var st) && st.ValueKind is JsonValueKind.True or JsonValueKind.False ? st.GetBoolean() : null;
            request.ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonSchema, name, schema, strict);
        }
        else
        {
            return ApiErrors.BadField("response_format.type", "'response_format.type' must be text, json_object or json_schema.");
        }

        return null;
    }

    private static ApiError? ReadStreamOptions(JsonElement value, ChatRequest request)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return ApiErrors.BadField("stream_options", "'stream_options' must be an object.");
        }

        if (value.TryGetProperty("include_usage"u8, out var includeUsage))
        {
            var error = ReadBool(includeUsage, "stream_options.include_usage", out var include);
            if (error is not null)
            {
                return error;
            }

            request.IncludeUsage = include ?? false;
        }

        return null;
    }

    internal static ApiError? ReadKnobs(JsonElement value, RoutingKnobs knobs)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return ApiErrors.BadField("junction", "'junction' must be an object with any of strategy, max_cost, policy, tags, force_model, tenant.");
        }

        foreach (var property in value.EnumerateObject())
        {
            if (!TryReadKnob(property, knobs, "junction.", out var error))
            {
                error = ApiErrors.BadField(
                    $"junction.{property.Name}",
                    $"Unknown routing knob 'junction.{property.Name}'; known: strategy, max_cost, policy, tags, force_model, tenant.");
            }

            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads one routing knob (<c>strategy</c>, <c>max_cost</c>, <c>policy</c>, <c>force_model</c>, <c>tags</c>, <c>tenant</c>);
    /// false when the name is not a knob. <paramref name="prefix"/> goes in front of error params.
    /// </summary>
    internal static bool TryReadKnob(JsonProperty property, RoutingKnobs knobs, string prefix, out ApiError? error)
    {
        var knob = property.Value;
        error = null;
        if (property.NameEquals("strategy"u8))
        {
            error = ReadString(knob, prefix + "strategy", out var strategy);
            knobs.Strategy = strategy;
            knobs.StrategyParam = prefix + "strategy";
        }
        else if (property.NameEquals("max_cost"u8))
        {
            error = ReadNumber(knob, prefix + "max_cost", out var maxCost);
            if (error is null && maxCost is < 0)
            {
                error = ApiErrors.BadField(prefix + "max_cost", $"'{prefix}max_cost' must be a non-negative number of USD.");
            }

            knobs.MaxCost = maxCost;
        }
        else if (property.NameEquals("policy"u8))
        {
            if (knob.ValueKind != JsonValueKind.Null)
            {
                var parsed = PolicyParser.Parse(knob);
                if (parsed.IsValid)
                {
                    knobs.Policy = parsed.Policy;
                }
                else
                {
                    error = ApiErrors.InvalidPolicy(prefix + "policy", parsed.Errors);
                }
            }
        }
        else if (property.NameEquals("force_model"u8))
        {
            error = ReadString(knob, prefix + "force_model", out var force);
            knobs.ForceModel = force;
            knobs.ForceModelParam = prefix + "force_model";
        }
        else if (property.NameEquals("tags"u8))
        {
            error = ReadTags(knob, knobs, prefix + "tags");
        }
        else if (property.NameEquals("tenant"u8))
        {
            error = ReadString(knob, prefix + "tenant", out var tenant);
            if (error is null && tenant is { Length: 0 })
            {
                error = ApiErrors.BadField(prefix + "tenant", $"'{prefix}tenant' must be a tenant id.");
            }

            knobs.Tenant = tenant;
            knobs.TenantParam = prefix + "tenant";
        }
        else
        {
            return false;
        }

        return true;
    }

    private static ApiError? ReadTags(JsonElement value, RoutingKnobs knobs, string param)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return ApiErrors.BadField(param, $"'{param}' must be an array of strings.");
        }

        var tags = new List<string>(value.GetArrayLength());
        foreach (var tag in value.EnumerateArray())
        {
            if (tag.ValueKind != JsonValueKind.String)
            {
                return ApiErrors.BadField(param, $"'{param}' must be an array of strings.");
            }

            tags.Add(tag.GetString()!);
        }

        knobs.Tags = tags;
        return null;
    }

    private static ApiError? ReadString(JsonElement value, string param, out string? result)
    {
        result = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return ApiErrors.BadField(param, $"'{param}' must be a string.");
        }

        result = value.GetString();
        return null;
    }

    private static ApiError? ReadBool(JsonElement value, string param, out bool? result)
    {
        result = value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
        return result is null && value.ValueKind != JsonValueKind.Null ? ApiErrors.BadField(param, $"'{param}' must be a boolean.") : null;
    }

    private static ApiError? ReadNumber(JsonElement value, string param, out double? result)
    {
        result = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            return ApiErrors.BadField(param, $"'{param}' must be a number.");
        }

        result = number;
        return null;
    }

    private static ApiError? ReadInt(JsonElement value, string param, out int? result)
    {
        result = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            return ApiErrors.BadField(param, $"'{param}' must be an integer.");
        }

        result = number;
        return null;
    }

    private static ApiError? ReadPositiveInt(JsonElement value, string param, out int? result)
    {
        var error = ReadInt(value, param, out result);
        if (error is null && result is < 1)
        {
            return ApiErrors.BadField(param, $"'{param}' must be a positive integer.");
        }

        return error;
    }
}
