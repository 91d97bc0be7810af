using System.Text.Json;
using Junction.Simulator.Text;

namespace Junction.Simulator.OpenAI;

/// <summary>How the request asks for tools: OpenAI's <c>tool_choice</c> values.</summary>
internal enum ToolChoiceKind
{
    Unset,
    None,
    Auto,
    Required,
    Function,
}

/// <summary>Where a tool's definition sits in the body; its schema is only parsed if it gets called.</summary>
internal readonly record struct ToolDefinition(string Name, int ParametersStart, int ParametersLength);

/// <summary>
/// Reads <c>tools</c> and <c>tool_choice</c>, and decides whether the reply is a tool call: when
/// <c>tool_choice</c> is <c>required</c> or names a function, or is <c>auto</c> and the last user message
/// mentions the word <c>tool</c>.
/// </summary>
internal static class ToolRequestReader
{
    public static OpenAIError? ReadTools(ref Utf8JsonReader reader, ref List<ToolDefinition>? tools)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return OpenAIError.InvalidType("tools", "an array", reader.TokenType);
        }
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return OpenAIError.InvalidType($"tools[{index}]", "an object", reader.TokenType);
            }
            string? name = null;
            int parametersStart = 0, parametersLength = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("function"u8))
                {
                    reader.Skip();
                    continue;
                }
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return OpenAIError.InvalidType($"tools[{index}].function", "an object", reader.TokenType);
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("name"u8))
                    {
                        reader.Read();
                        name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    }
                    else if (reader.ValueTextEquals("parameters"u8))
                    {
                        reader.Read();
                        parametersStart = (int)reader.TokenStartIndex;
                        reader.Skip();
                        parametersLength = (int)reader.BytesConsumed - parametersStart;
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            if (string.IsNullOrEmpty(name))
            {
                return OpenAIError.MissingParameter($"tools[{index}].function.name");
            }
            (tools ??= []).Add(new ToolDefinition(name, parametersStart, parametersLength));
            index++;
        }
        return null;
    }

    public static OpenAIError? ReadToolChoice(ref Utf8JsonReader reader, ref ToolChoiceKind choice, ref string? choiceName)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                choice = reader.ValueTextEquals("none"u8) ? ToolChoiceKind.None
                    : reader.ValueTextEquals("auto"u8) ? ToolChoiceKind.Auto
                    : reader.ValueTextEquals("required"u8) ? ToolChoiceKind.Required
                    : ToolChoiceKind.Unset;
                return choice == ToolChoiceKind.Unset
                    ? OpenAIError.InvalidValue("tool_choice", $"'{reader.GetString()}'. Supported values are: 'none', 'auto', and 'required'.")
                    : null;
            case JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (!reader.ValueTextEquals("function"u8))
                    {
                        reader.Skip();
                        continue;
                    }
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        reader.Skip();
                        continue;
                    }
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("name"u8) && reader.Read() && reader.TokenType == JsonTokenType.String)
                        {
                            choiceName = reader.GetString();
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                if (choiceName is null)
                {
                    return OpenAIError.MissingParameter("tool_choice.function.name");
                }
                choice = ToolChoiceKind.Function;
                return null;
            default:
                return OpenAIError.InvalidType("tool_choice", "a string or an object", reader.TokenType);
        }
    }

    public static ToolCall? ChooseToolCall(ReadOnlyMemory<byte> body, List<ToolDefinition>? definitions, ToolChoiceKind requested, string? choiceName,
        ulong userHash, bool mentionsTool, out OpenAIError? error)
    {
        error = null;
        if (definitions is not { Count: > 0 } tools)
        {
            return null;
        }
        var choice = requested == ToolChoiceKind.Unset ? ToolChoiceKind.Auto : requested;
        if (choice == ToolChoiceKind.None || (choice == ToolChoiceKind.Auto && !mentionsTool))
        {
            return null;
        }

        var tool = tools[0];
        if (choice == ToolChoiceKind.Function)
        {
            var found = false;
            foreach (var candidate in tools)
            {
                if (candidate.Name == choiceName)
                {
                    tool = candidate;
                    found = true;
                    break;
                }
            }
            if (!found)
            {
                error = OpenAIError.InvalidValue("tool_choice", $"no function named '{choiceName}' is in 'tools'.");
                return null;
            }
        }

        string arguments;
        try
        {
            arguments = ToolArguments.Build(body.Slice(tool.ParametersStart, tool.ParametersLength));
        }
        catch (JsonException)
        {
            error = OpenAIError.InvalidValue("tools", $"the parameters of function '{tool.Name}' are not a JSON schema.");
            return null;
        }
        return new ToolCall(ToolCall.NewId(userHash, tool.Name), tool.Name, arguments);
    }
}
