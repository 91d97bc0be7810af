using System.Text.Json;
using Junction.Simulator.Http;
using Junction.Simulator.OpenAI;

namespace Junction.Simulator.Gemini;

/// <summary>
/// Reads a <c>GenerateContentRequest</c> in one forward pass with <see cref="Utf8JsonReader"/> and validates it the
/// way Google does: invalid JSON, an unknown top-level field, missing or empty <c>contents</c>, a content without
/// parts, a role other than <c>user</c> or <c>model</c>, or a function-calling config that does not fit the tools
/// gives a <see cref="GeminiError"/> instead of a request. Field names are accepted in camelCase and snake_case, as
/// Google's JSON mapping accepts both.
/// </summary>
internal static class GenerateContentRequestReader
{
    private struct State
    {
        public int ContentCount;
        public int PromptTokens;
        public int LastUserPartsStart;
        public int LastUserPartsLength;
        public int? MaxTokens;
        public List<ToolDefinition>? Tools;
        public bool HasToolConfig;
        public ToolChoiceKind Choice;
        public List<string>? AllowedNames;
        public List<string>? StopSequences;
    }

    public static GenerateContentRequest? Read(ReadOnlyMemory<byte> body, string model, out GeminiError? error, bool stream = false)
    {
        try
        {
            return ReadCore(body, model, stream, out error);
        }
        catch (JsonException)
        {
            error = GeminiError.InvalidJson;
            return null;
        }
    }

    private static GenerateContentRequest? ReadCore(ReadOnlyMemory<byte> body, string model, bool stream, out GeminiError? error)
    {
        var state = new State { LastUserPartsStart = -1 };
        error = JsonBody.ReadObject(body.Span, ref state, ReadProperty, GeminiError.InvalidJson);
        if (error is not null)
        {
            return null;
        }

        error = Validate(ref state);
        if (error is not null)
        {
            return null;
        }

        var (userHash, mentionsTool) = UserContentDigest.Digest(body.Span, state.LastUserPartsStart, state.LastUserPartsLength);
        var (choice, choiceName) = state.AllowedNames is { Count: > 0 } names ? (ToolChoiceKind.Function, names[0]) : (state.Choice, null);
        var toolCall = ToolRequestReader.ChooseToolCall(body, state.Tools, choice, choiceName, userHash, mentionsTool, out var toolError);
        if (toolError is not null)
        {
            error = GeminiError.Invalid(toolError.Message);
            return null;
        }

        return new GenerateContentRequest
        {
            Model = model,
            Stream = stream,
            MaxTokens = state.MaxTokens,
            PromptTokens = 3 + state.PromptTokens,
            UserTextHash = userHash,
            ToolCall = toolCall,
            StopSequences = state.StopSequences ?? [],
        };
    }

    private static GeminiError? ReadProperty(ref Utf8JsonReader reader, ref State state)
    {
        if (reader.ValueTextEquals("contents"u8))
        {
            return ReadContents(ref reader, ref state);
        }

        if (Is(ref reader, "systemInstruction"u8, "system_instruction"u8))
        {
            return ReadSystemInstruction(ref reader, ref state);
        }

        if (reader.ValueTextEquals("tools"u8))
        {
            return ReadTools(ref reader, ref state);
        }

        if (Is(ref reader, "toolConfig"u8, "tool_config"u8))
        {
            return ReadToolConfig(ref reader, ref state);
        }

        if (Is(ref reader, "generationConfig"u8, "generation_config"u8))
        {
            return ReadGenerationConfig(ref reader, ref state);
        }

        if (Is(ref reader, "safetySettings"u8, "safety_settings"u8) || Is(ref reader, "cachedContent"u8, "cached_content"u8)
            || reader.ValueTextEquals("model"u8))
        {
            reader.Skip();
            return null;
        }

        // Google rejects fields it does not know, so a client that leaks another dialect's fields fails here too.
        return GeminiError.UnknownField(reader.GetString()!);
    }

    private static GeminiError? ReadContents(ref Utf8JsonReader reader, ref State state)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return GeminiError.Invalid("Invalid JSON payload received. Expected an array for 'contents'.");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var index = state.ContentCount++;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return GeminiError.Invalid($"Invalid JSON payload received. Expected an object for 'contents[{index}]'.");
            }

            var isUser = true;
            var parts = default(PartsDigest);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("role"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("model"u8))
                    {
                        isUser = false;
                    }
                    else if (!(reader.TokenType == JsonTokenType.String && (reader.ValueTextEquals("user"u8) || reader.ValueSpan.IsEmpty)))
                    {
                        return GeminiError.Invalid("Please use a valid role: user, model.");
                    }
                }
                else if (reader.ValueTextEquals("parts"u8))
                {
                    parts = ReadParts(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (parts.Count == 0)
            {
                return GeminiError.Invalid($"* GenerateContentRequest.contents[{index}].parts: contents.parts must not be empty.\n");
            }

            state.PromptTokens += MessageTokens(parts.TextBytes);

            // A user turn holding only function responses answers a call; the prompt is the last one with text.
            if (isUser && parts.HasText)
            {
                state.LastUserPartsStart = parts.Start;
                state.LastUserPartsLength = parts.Length;
            }
        }

        return null;
    }

    /// <summary>The system instruction counts as one message, like a system message in the OpenAI dialect.</summary>
    private static GeminiError? ReadSystemInstruction(ref Utf8JsonReader reader, ref State state)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return GeminiError.Invalid("Invalid JSON payload received. Expected an object for 'system_instruction'.");
        }

        var parts = default(PartsDigest);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("parts"u8))
            {
                parts = ReadParts(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        state.PromptTokens += MessageTokens(parts.TextBytes);
        return null;
    }

    /// <summary>About four bytes a token, plus the per-message framing, exactly as the OpenAI dialect counts.</summary>
    private static int MessageTokens(int textBytes) => 3 + ((textBytes + 3) / 4);

    private struct PartsDigest
    {
        public int Start;
        public int Length;
        public int Count;
        public int TextBytes;
        public bool HasText;
    }

    /// <summary>Counts the text of the parts (and the raw size of function responses, a tool turn's content).</summary>
    private static PartsDigest ReadParts(ref Utf8JsonReader reader)
    {
        reader.Read();
        var digest = new PartsDigest { Start = (int)reader.TokenStartIndex };
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return default;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            digest.Count++;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("text"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        digest.TextBytes += reader.ValueSpan.Length;
                        digest.HasText = true;
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else if (Is(ref reader, "functionResponse"u8, "function_response"u8))
                {
                    // The whole functionResponse object stands for the text of a tool message in the OpenAI dialect.
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    digest.TextBytes += (int)reader.BytesConsumed - start;
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        digest.Length = (int)reader.BytesConsumed - digest.Start;
        return digest;
    }

    private static GeminiError? ReadTools(ref Utf8JsonReader reader, ref State state)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return GeminiError.Invalid("Invalid JSON payload received. Expected an array for 'tools'.");
        }

        var toolIndex = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return GeminiError.Invalid($"Invalid JSON payload received. Expected an object for 'tools[{toolIndex}]'.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!Is(ref reader, "functionDeclarations"u8, "function_declarations"u8))
                {
                    // googleSearch, codeExecution, urlContext...: built-in tools the simulator never runs.
                    reader.Skip();
                    continue;
                }

                var error = ReadFunctionDeclarations(ref reader, ref state, toolIndex);
                if (error is not null)
                {
                    return error;
                }
            }

            toolIndex++;
        }

        return null;
    }

    private static GeminiError? ReadFunctionDeclarations(ref Utf8JsonReader reader, ref State state, int toolIndex)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            string? name = null;
            int start = 0, length = 0;
            var schemas = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("parameters"u8) || Is(ref reader, "parametersJsonSchema"u8, "parameters_json_schema"u8))
                {
                    reader.Read();
                    start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    length = (int)reader.BytesConsumed - start;
                    schemas++;
                }
                else
                {
                    reader.Skip();
                }
            }

            var path = $"tools[{toolIndex}].function_declarations[{index}]";
            if (string.IsNullOrEmpty(name))
            {
                return GeminiError.Invalid($"* GenerateContentRequest.{path}.name: Name cannot be empty.\n");
            }

            if (schemas > 1)
            {
                return GeminiError.Invalid($"* GenerateContentRequest.{path}: parameters and parameters_json_schema are mutually exclusive.\n");
            }

            (state.Tools ??= []).Add(new ToolDefinition(name, start, length));
            index++;
        }

        return null;
    }

    private static GeminiError? ReadToolConfig(ref Utf8JsonReader reader, ref State state)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!Is(ref reader, "functionCallingConfig"u8, "function_calling_config"u8))
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

            state.HasToolConfig = true;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("mode"u8))
                {
                    reader.Read();
                    var error = ReadMode(ref reader, ref state);
                    if (error is not null)
                    {
                        return error;
                    }
                }
                else if (Is(ref reader, "allowedFunctionNames"u8, "allowed_function_names"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        reader.Skip();
                        continue;
                    }

                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            (state.AllowedNames ??= []).Add(reader.GetString()!);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return null;
    }

    private static GeminiError? ReadMode(ref Utf8JsonReader reader, ref State state)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return GeminiError.Invalid("Invalid value at 'tool_config.function_calling_config.mode': expected a string.");
        }

        // VALIDATED constrains calls to the schema but still lets the model choose, as AUTO does.
        if (reader.ValueTextEquals("AUTO"u8) || reader.ValueTextEquals("VALIDATED"u8))
        {
            state.Choice = ToolChoiceKind.Auto;
        }
        else if (reader.ValueTextEquals("ANY"u8))
        {
            state.Choice = ToolChoiceKind.Required;
        }
        else if (reader.ValueTextEquals("NONE"u8))
        {
            state.Choice = ToolChoiceKind.None;
        }
        else if (reader.ValueTextEquals("MODE_UNSPECIFIED"u8))
        {
            state.Choice = ToolChoiceKind.Unset;
        }
        else
        {
            return GeminiError.Invalid($"Invalid value at 'tool_config.function_calling_config.mode' (type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), \"{reader.GetString()}\"");
        }

        return null;
    }

    private static GeminiError? ReadGenerationConfig(ref Utf8JsonReader reader, ref State state)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (Is(ref reader, "stopSequences"u8, "stop_sequences"u8))
            {
                if (ReadStopSequences(ref reader, ref state) is { } invalid)
                {
                    return invalid;
                }

                continue;
            }

            if (!Is(ref reader, "maxOutputTokens"u8, "max_output_tokens"u8))
            {
                reader.Skip();
                continue;
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value))
            {
                return GeminiError.Invalid("Invalid value at 'generation_config.max_output_tokens' (TYPE_INT32), expected an integer.");
            }

            if (value < 1)
            {
                return GeminiError.Invalid("* GenerateContentRequest.generation_config.max_output_tokens: max_output_tokens must be positive.\n");
            }

            state.MaxTokens = value;
        }

        return null;
    }

    private static GeminiError? ReadStopSequences(ref Utf8JsonReader reader, ref State state)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return GeminiError.Invalid("Invalid value at 'generation_config.stop_sequences' (TYPE_STRING), expected a list of strings.");
        }

        state.StopSequences = [];
        return JsonBody.TryReadStrings(ref reader, state.StopSequences)
            ? null
            : GeminiError.Invalid("Invalid value at 'generation_config.stop_sequences' (TYPE_STRING), expected a string.");
    }

    private static GeminiError? Validate(ref State state)
    {
        if (state.ContentCount == 0)
        {
            return GeminiError.Invalid("* GenerateContentRequest.contents: contents is not specified\n");
        }

        if (state.HasToolConfig && state.Tools is null)
        {
            return GeminiError.Invalid("Function calling config is set without function_declarations.");
        }

        if (state.AllowedNames is not { Count: > 0 } allowed)
        {
            return null;
        }

        if (state.Choice != ToolChoiceKind.Required)
        {
            return GeminiError.Invalid("* GenerateContentRequest.tool_config.function_calling_config.allowed_function_names: allowed_function_names should only be set when the Function calling mode is ANY.\n");
        }

        foreach (var name in allowed)
        {
            if (!state.Tools!.Exists(tool => tool.Name == name))
            {
                return GeminiError.Invalid($"* GenerateContentRequest.tool_config.function_calling_config.allowed_function_names: function '{name}' is not declared in tools.\n");
            }
        }

        return null;
    }

    private static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> camel, ReadOnlySpan<byte> snake) =>
        reader.ValueTextEquals(camel) || reader.ValueTextEquals(snake);
}
