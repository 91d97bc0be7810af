using System.Text.Json;
using Junction.Simulator.Text;

namespace Junction.Simulator.Anthropic;

/// <summary>How the request asks for tools: Anthropic's <c>tool_choice</c> types.</summary>
internal enum AnthropicToolChoice
{
    Unset,
    Auto,
    Any,
    Tool,
    None,
}

/// <summary>Where a tool's definition sits in the body; its <c>input_schema</c> is only parsed if it gets called.</summary>
internal readonly record struct AnthropicTool(string Name, int SchemaStart, int SchemaLength);

/// <summary>
/// Reads <c>tools</c> and <c>tool_choice</c>, and decides whether the reply is a tool call by the OpenAI dialect's rules:
/// when <c>tool_choice</c> is <c>any</c> or names a tool, or is <c>auto</c> (the default) and the last user turn mentions
/// the word <c>tool</c>.
/// </summary>
internal static class AnthropicToolReader
{
    public static AnthropicError? ReadTools(ref Utf8JsonReader reader, ref List<AnthropicTool>? tools)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return AnthropicError.InvalidField("tools", "Input should be a valid list");
        }
        var index = 0;
        tools ??= [];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return AnthropicError.InvalidField($"tools.{index}", "Input should be a valid dictionary");
            }
            string? name = null;
            int schemaStart = 0, schemaLength = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("input_schema"u8))
                {
                    reader.Read();
                    schemaStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    schemaLength = (int)reader.BytesConsumed - schemaStart;
                }
                else
                {
                    reader.Skip();
                }
            }
            if (string.IsNullOrEmpty(name))
            {
                return AnthropicError.MissingField($"tools.{index}.name");
            }
            tools.Add(new AnthropicTool(name, schemaStart, schemaLength));
            index++;
        }
        return null;
    }

    public static AnthropicError? ReadToolChoice(ref Utf8JsonReader reader, ref AnthropicToolChoice choice, ref string? choiceName)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return AnthropicError.InvalidField("tool_choice", "Input should be a valid dictionary");
        }
        string? type = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                choiceName = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else
            {
                // disable_parallel_tool_use: the simulator makes one call at most anyway.
                reader.Skip();
            }
        }
        choice = type switch
        {
            "auto" => AnthropicToolChoice.Auto,
            "any" => AnthropicToolChoice.Any,
            "tool" => AnthropicToolChoice.Tool,
            "none" => AnthropicToolChoice.None,
            _ => AnthropicToolChoice.Unset,
        };
        if (choice == AnthropicToolChoice.Unset)
        {
            return AnthropicError.InvalidField("tool_choice.type", "Input should be 'auto', 'any', 'tool' or 'none'");
        }
        return choice == AnthropicToolChoice.Tool && choiceName is null ? AnthropicError.MissingField("tool_choice.name") : null;
    }

    public static ToolCall? ChooseToolCall(ReadOnlyMemory<byte> body, List<AnthropicTool>? tools, AnthropicToolChoice requested, string? choiceName,
        ulong userHash, bool mentionsTool, out AnthropicError? error)
    {
        error = null;
        if (tools is not { Count: > 0 })
        {
            return null;
        }
        var choice = requested == AnthropicToolChoice.Unset ? AnthropicToolChoice.Auto : requested;
        if (choice == AnthropicToolChoice.None || (choice == AnthropicToolChoice.Auto && !mentionsTool))
        {
            return null;
        }

        var tool = tools[0];
        if (choice == AnthropicToolChoice.Tool)
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
                error = AnthropicError.InvalidField("tool_choice", $"Tool '{choiceName}' not found in tools");
                return null;
            }
        }

        string arguments;
        try
        {
            arguments = ToolArguments.Build(body.Slice(tool.SchemaStart, tool.SchemaLength));
        }
        catch (JsonException)
        {
            error = AnthropicError.InvalidField($"tools.{tools.IndexOf(tool)}.input_schema", "Input should be a valid JSON schema");
            return null;
        }
        // The shared id keeps a call identical across dialects; Anthropic's form swaps the prefix when written.
        return new ToolCall(ToolCall.NewId(userHash, tool.Name), tool.Name, arguments);
    }
}
