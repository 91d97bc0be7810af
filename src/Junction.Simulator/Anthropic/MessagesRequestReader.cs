using System.Text.Json;
using Junction.Simulator.Http;
using Junction.Simulator.OpenAI;

namespace Junction.Simulator.Anthropic;

/// <summary>
/// Reads a Messages body in one forward pass with <see cref="Utf8JsonReader"/> and validates it the way Anthropic does:
/// invalid JSON, a missing <c>model</c>, <c>max_tokens</c> or <c>messages</c>, a role other than user or assistant, or a
/// wrong type gives an <see cref="AnthropicError"/> instead of a request.
/// </summary>
/// <remarks>
/// Token counts and the reply's seed follow the OpenAI dialect's rules so that one conversation gets the same answer in
/// both: <c>3 + Σ (3 + ceil(text bytes / 4))</c> with the system prompt, each turn's text and each tool result counted
/// as one message each (as they are separate messages in OpenAI's form), and the seed hashed from the last user turn that
/// is not only tool results.
/// </remarks>
internal static class MessagesRequestReader
{
    private struct State
    {
        public string? Model;
        public int? MaxTokens;
        public bool HasMessages;
        public int MessageCount;
        public int InputTokens;
        public int LastUserContentStart;
        public int LastUserContentLength;
        public bool Stream;
        public List<AnthropicTool>? Tools;
        public AnthropicToolChoice Choice;
        public string? ChoiceName;
        public List<string>? StopSequences;
    }

    public static MessagesRequest? Read(ReadOnlyMemory<byte> body, out AnthropicError? error)
    {
        try
        {
            return ReadCore(body, out error);
        }
        catch (JsonException)
        {
            error = AnthropicError.InvalidJson;
            return null;
        }
    }

    private static MessagesRequest? ReadCore(ReadOnlyMemory<byte> body, out AnthropicError? error)
    {
        var state = new State { LastUserContentStart = -1 };
        error = JsonBody.ReadObject(body.Span, ref state, ReadProperty, AnthropicError.InvalidJson);
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
        var toolCall = AnthropicToolReader.ChooseToolCall(body, state.Tools, state.Choice, state.ChoiceName, userHash, mentionsTool, out error);
        if (error is not null)
        {
            return null;
        }

        return new MessagesRequest
        {
            Model = state.Model!,
            Stream = state.Stream,
            MaxTokens = state.MaxTokens!.Value,
            InputTokens = 3 + state.InputTokens,
            UserTextHash = userHash,
            ToolCall = toolCall,
            StopSequences = state.StopSequences ?? [],
        };
    }

    private static AnthropicError? ReadProperty(ref Utf8JsonReader reader, ref State state)
    {
        if (reader.ValueTextEquals("model"u8))
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                return AnthropicError.InvalidField("model", "Input should be a valid string");
            }
            state.Model = reader.GetString();
            return null;
        }
        if (reader.ValueTextEquals("max_tokens"u8))
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var maxTokens))
            {
                return AnthropicError.InvalidField("max_tokens", "Input should be a valid integer");
            }
            if (maxTokens < 1)
            {
                return AnthropicError.InvalidField("max_tokens", "Input should be greater than or equal to 1");
            }
            state.MaxTokens = maxTokens;
            return null;
        }
        if (reader.ValueTextEquals("messages"u8))
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return AnthropicError.InvalidField("messages", "Input should be a valid list");
            }
            state.HasMessages = true;
            return ReadMessages(ref reader, ref state);
        }
        if (reader.ValueTextEquals("system"u8))
        {
            return ReadSystem(ref reader, ref state);
        }
        if (reader.ValueTextEquals("stream"u8))
        {
            reader.Read();
            if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
            {
                return AnthropicError.InvalidField("stream", "Input should be a valid boolean");
            }
            state.Stream = reader.TokenType == JsonTokenType.True;
            return null;
        }
        if (reader.ValueTextEquals("tools"u8))
        {
            return AnthropicToolReader.ReadTools(ref reader, ref state.Tools);
        }
        if (reader.ValueTextEquals("tool_choice"u8))
        {
            return AnthropicToolReader.ReadToolChoice(ref reader, ref state.Choice, ref state.ChoiceName);
        }
        if (reader.ValueTextEquals("stop_sequences"u8))
        {
            return ReadStopSequences(ref reader, ref state);
        }
        reader.Skip();
        return null;
    }

    private static AnthropicError? ReadStopSequences(ref Utf8JsonReader reader, ref State state)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return AnthropicError.InvalidField("stop_sequences", "Input should be a valid list");
        }
        state.StopSequences = [];
        return JsonBody.TryReadStrings(ref reader, state.StopSequences)
            ? null
            : AnthropicError.InvalidField("stop_sequences", "Input should be a valid string");
    }

    /// <summary>The system prompt, a string or an array of text blocks, counts as one message.</summary>
    private static AnthropicError? ReadSystem(ref Utf8JsonReader reader, ref State state)
    {
        reader.Read();
        int bytes;
        if (reader.TokenType == JsonTokenType.String)
        {
            bytes = reader.ValueSpan.Length;
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            bytes = CountBlocks(ref reader, out _, out _);
        }
        else
        {
            return AnthropicError.InvalidField("system", "Input should be a valid string or a list of text blocks");
        }
        state.InputTokens += Message(bytes);
        return null;
    }

    private static AnthropicError? ReadMessages(ref Utf8JsonReader reader, ref State state)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var index = state.MessageCount++;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return AnthropicError.InvalidField($"messages.{index}", "Input should be a valid dictionary");
            }

            var role = Role.Missing;
            var hasContent = false;
            var textBytes = 0;
            var toolResultTokens = 0;
            var onlyToolResults = false;
            var contentStart = -1;
            var contentLength = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("role"u8))
                {
                    reader.Read();
                    role = reader.TokenType != JsonTokenType.String ? Role.Other
                        : reader.ValueTextEquals("user"u8) ? Role.User
                        : reader.ValueTextEquals("assistant"u8) ? Role.Assistant
                        : Role.Other;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("content"u8))
                {
                    reader.Read();
                    hasContent = true;
                    contentStart = (int)reader.TokenStartIndex;
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        textBytes = reader.ValueSpan.Length;
                    }
                    else if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        textBytes = CountBlocks(ref reader, out toolResultTokens, out onlyToolResults);
                    }
                    else
                    {
                        return AnthropicError.InvalidField($"messages.{index}.content", "Input should be a valid string or a list of content blocks");
                    }
                    contentLength = (int)reader.BytesConsumed - contentStart;
                }
                else
                {
                    reader.Skip();
                }
            }

            switch (role)
            {
                case Role.Missing:
                    return AnthropicError.MissingField($"messages.{index}.role");
                case Role.Other:
                    return AnthropicError.InvalidField($"messages.{index}.role", "Input should be 'user' or 'assistant'");
            }
            if (!hasContent)
            {
                return AnthropicError.MissingField($"messages.{index}.content");
            }

            // A turn of tool results only is, in OpenAI's form, just the tool messages.
            state.InputTokens += toolResultTokens + (onlyToolResults ? 0 : Message(textBytes));
            if (role == Role.User && !onlyToolResults)
            {
                state.LastUserContentStart = contentStart;
                state.LastUserContentLength = contentLength;
            }
        }
        return null;
    }

    /// <summary>
    /// Counts a block array's <c>text</c> bytes, leaving the reader on its end. Each <c>tool_result</c> counts as a message
    /// of its own, returned in <paramref name="toolResultTokens"/>.
    /// </summary>
    private static int CountBlocks(ref Utf8JsonReader reader, out int toolResultTokens, out bool onlyToolResults)
    {
        var bytes = 0;
        var blocks = 0;
        var toolResults = 0;
        toolResultTokens = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            blocks++;
            var isToolResult = false;
            var blockText = 0;
            var resultText = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    isToolResult = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("tool_result"u8);
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("text"u8))
                {
                    reader.Read();
                    blockText += reader.TokenType == JsonTokenType.String ? reader.ValueSpan.Length : 0;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("content"u8))
                {
                    // A tool result's content: a string, or text blocks.
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        resultText += reader.ValueSpan.Length;
                    }
                    else if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        resultText += CountBlocks(ref reader, out _, out _);
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
            if (isToolResult)
            {
                toolResults++;
                toolResultTokens += Message(resultText);
            }
            else
            {
                bytes += blockText;
            }
        }
        onlyToolResults = blocks > 0 && toolResults == blocks;
        return bytes;
    }

    /// <summary>About four bytes a token, plus the per-message framing, as the OpenAI dialect counts.</summary>
    private static int Message(int textBytes) => 3 + ((textBytes + 3) / 4);

    private static AnthropicError? Validate(ref State state)
    {
        if (state.Model is null)
        {
            return AnthropicError.MissingField("model");
        }
        if (state.MaxTokens is null)
        {
            return AnthropicError.MissingField("max_tokens");
        }
        if (!state.HasMessages)
        {
            return AnthropicError.MissingField("messages");
        }
        if (state.MessageCount == 0)
        {
            return AnthropicError.InvalidField("messages", "at least one message is required");
        }
        if (state.Choice != AnthropicToolChoice.Unset && state.Tools is null)
        {
            return AnthropicError.InvalidField("tool_choice", "tool_choice may only be specified while providing tools");
        }
        return null;
    }

    private enum Role
    {
        Missing,
        User,
        Assistant,
        Other,
    }
}
