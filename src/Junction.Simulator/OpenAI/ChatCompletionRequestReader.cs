using System.Text.Json;
using Junction.Simulator.Http;
using Junction.Simulator.Text;

namespace Junction.Simulator.OpenAI;

/// <summary>
/// Reads a chat-completions body in one forward pass with <see cref="Utf8JsonReader"/> and validates it the way
/// OpenAI does: invalid JSON, a missing <c>model</c> or <c>messages</c>, or a wrong type gives an
/// <see cref="OpenAIError"/> instead of a request.
/// </summary>
internal static class ChatCompletionRequestReader
{
    private struct State
    {
        public string? Model;
        public bool HasMessages;
        public int MessageCount;
        public int PromptTokens;
        public int LastUserContentStart;
        public int LastUserContentLength;
        public bool Stream;
        public bool IncludeUsage;
        public int? MaxTokens;
        public List<ToolDefinition>? Tools;
        public ToolChoiceKind Choice;
        public string? ChoiceName;
        public List<string>? Stop;
    }

    public static ChatCompletionRequest? Read(ReadOnlyMemory<byte> body, out OpenAIError? error)
    {
        try
        {
            return ReadCore(body, out error);
        }
        catch (JsonException)
        {
            error = OpenAIError.InvalidJson;
            return null;
        }
    }

    private static ChatCompletionRequest? ReadCore(ReadOnlyMemory<byte> body, out OpenAIError? error)
    {
        var state = new State { LastUserContentStart = -1 };
        error = JsonBody.ReadObject(body.Span, ref state, ReadProperty, OpenAIError.InvalidJson);
        if (error is not null)
        {
            return null;
        }

        error = Validate(ref state);
        if (error is not null)
        {
            return null;
        }

        var (userHash, mentionsTool) = UserContentDigest.Digest(body.Span, state.LastUserContentStart, state.LastUserContentLength);
        var toolCall = ToolRequestReader.ChooseToolCall(body, state.Tools, state.Choice, state.ChoiceName, userHash, mentionsTool, out error);
        if (error is not null)
        {
            return null;
        }

        return new ChatCompletionRequest
        {
            Model = state.Model!,
            Stream = state.Stream,
            IncludeUsage = state.IncludeUsage,
            MaxTokens = state.MaxTokens,
            PromptTokens = 3 + state.PromptTokens,
            UserTextHash = userHash,
            ToolCall = toolCall,
            StopSequences = state.Stop ?? [],
        };
    }

    private static OpenAIError? ReadProperty(ref Utf8JsonReader reader, ref State state)
    {
        if (reader.ValueTextEquals("model"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                state.Model = reader.GetString();
                return null;
            }
            return reader.TokenType == JsonTokenType.Null ? null : OpenAIError.InvalidType("model", "a string", reader.TokenType);
        }
        if (reader.ValueTextEquals("messages"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return OpenAIError.InvalidType("messages", "an array", reader.TokenType);
            }
            state.HasMessages = true;
            return ReadMessages(ref reader, ref state);
        }
        if (reader.ValueTextEquals("stream"u8))
        {
            return ReadOptionalBoolean(ref reader, "stream", ref state.Stream);
        }
        if (reader.ValueTextEquals("stream_options"u8))
        {
            return ReadStreamOptions(ref reader, ref state);
        }
        if (reader.ValueTextEquals("max_tokens"u8))
        {
            return ReadMaxTokens(ref reader, "max_tokens", ref state);
        }
        if (reader.ValueTextEquals("max_completion_tokens"u8))
        {
            return ReadMaxTokens(ref reader, "max_completion_tokens", ref state);
        }
        if (reader.ValueTextEquals("tools"u8))
        {
            return ToolRequestReader.ReadTools(ref reader, ref state.Tools);
        }
        if (reader.ValueTextEquals("tool_choice"u8))
        {
            return ToolRequestReader.ReadToolChoice(ref reader, ref state.Choice, ref state.ChoiceName);
        }
        if (reader.ValueTextEquals("stop"u8))
        {
            return ReadStop(ref reader, ref state);
        }
        reader.Skip();
        return null;
    }

    /// <summary><c>stop</c>: null, one string, or a list of strings.</summary>
    private static OpenAIError? ReadStop(ref Utf8JsonReader reader, ref State state)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                state.Stop = [reader.GetString()!];
                return null;
            case JsonTokenType.StartArray:
                state.Stop = [];
                return JsonBody.TryReadStrings(ref reader, state.Stop) ? null : OpenAIError.InvalidType("stop", "a string", reader.TokenType);
            default:
                return OpenAIError.InvalidType("stop", "a string or an array of strings", reader.TokenType);
        }
    }

    private static OpenAIError? ReadMessages(ref Utf8JsonReader reader, ref State state)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var index = state.MessageCount++;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return OpenAIError.InvalidType($"messages[{index}]", "an object", reader.TokenType);
            }

            var hasRole = false;
            var isUser = false;
            var textBytes = 0;
            var contentStart = -1;
            var contentLength = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("role"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return OpenAIError.InvalidType($"messages[{index}].role", "a string", reader.TokenType);
                    }
                    if (!IsKnownRole(ref reader))
                    {
                        return OpenAIError.InvalidValue($"messages[{index}].role",
                            $"'{reader.GetString()}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.");
                    }
                    hasRole = true;
                    isUser = reader.ValueTextEquals("user"u8);
                }
                else if (reader.ValueTextEquals("content"u8))
                {
                    reader.Read();
                    contentStart = (int)reader.TokenStartIndex;
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        textBytes += reader.ValueSpan.Length;
                    }
                    else if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        textBytes += CountPartText(ref reader);
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        return OpenAIError.InvalidType($"messages[{index}].content", "a string or an array", reader.TokenType);
                    }
                    contentLength = (int)reader.BytesConsumed - contentStart;
                }
                else
                {
                    reader.Skip();
                }
            }

            if (!hasRole)
            {
                return OpenAIError.MissingParameter($"messages[{index}].role");
            }
            // About four bytes a token, plus the per-message framing OpenAI's tokenizers add.
            state.PromptTokens += 3 + ((textBytes + 3) / 4);
            if (isUser)
            {
                state.LastUserContentStart = contentStart;
                state.LastUserContentLength = contentLength;
            }
        }
        return null;
    }

    private static bool IsKnownRole(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("user"u8) || reader.ValueTextEquals("assistant"u8) || reader.ValueTextEquals("system"u8)
        || reader.ValueTextEquals("developer"u8) || reader.ValueTextEquals("tool"u8) || reader.ValueTextEquals("function"u8);

    /// <summary>Counts the text of content parts (<c>[{"type":"text","text":"..."}, ...]</c>), leaving the reader on the array's end.</summary>
    private static int CountPartText(ref Utf8JsonReader reader)
    {
        var bytes = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("text"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        bytes += reader.ValueSpan.Length;
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        return bytes;
    }

    private static OpenAIError? ReadOptionalBoolean(ref Utf8JsonReader reader, string param, ref bool value)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                value = true;
                return null;
            case JsonTokenType.False or JsonTokenType.Null:
                value = false;
                return null;
            default:
                return OpenAIError.InvalidType(param, "a boolean", reader.TokenType);
        }
    }

    private static OpenAIError? ReadStreamOptions(ref Utf8JsonReader reader, ref State state)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return OpenAIError.InvalidType("stream_options", "an object", reader.TokenType);
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("include_usage"u8))
            {
                var error = ReadOptionalBoolean(ref reader, "stream_options.include_usage", ref state.IncludeUsage);
                if (error is not null)
                {
                    return error;
                }
            }
            else
            {
                reader.Skip();
            }
        }
        return null;
    }

    private static OpenAIError? ReadMaxTokens(ref Utf8JsonReader reader, string param, ref State state)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value))
        {
            return OpenAIError.InvalidType(param, "an integer", reader.TokenType);
        }
        if (value < 1)
        {
            return OpenAIError.BelowMinimum(param, value);
        }
        state.MaxTokens = state.MaxTokens is { } other ? Math.Min(other, value) : value;
        return null;
    }

    private static OpenAIError? Validate(ref State state)
    {
        if (string.IsNullOrEmpty(state.Model))
        {
            return OpenAIError.MissingModel;
        }
        if (!state.HasMessages)
        {
            return OpenAIError.MissingParameter("messages");
        }
        if (state.MessageCount == 0)
        {
            return OpenAIError.EmptyArray("messages");
        }
        if (state.Choice != ToolChoiceKind.Unset && state.Tools is null)
        {
            return OpenAIError.InvalidValue("tool_choice", "'tool_choice' is only allowed when 'tools' are specified.");
        }
        return null;
    }
}
