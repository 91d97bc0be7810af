using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Junction.Core.Requests;
using Junction.Providers.Abstractions;

namespace Junction.Providers.OpenAI;

/// <summary>Reads a non-streamed <c>chat.completion</c> body into a <see cref="ChatCompletion"/>. Only the first choice is kept.</summary>
internal static class OpenAIResponseReader
{
    public static bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out ChatCompletion? completion)
    {
        completion = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            string? id = null, model = null;
            Choice choice = default;
            Usage? usage = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    id = OpenAIFunctionReader.ReadString(ref reader, emptyAsNull: false);
                }
                else if (reader.ValueTextEquals("model"u8))
                {
                    model = OpenAIFunctionReader.ReadString(ref reader, emptyAsNull: false);
                }
                else if (reader.ValueTextEquals("choices"u8))
                {
                    choice = ReadFirstChoice(ref reader);
                }
                else if (reader.ValueTextEquals("usage"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        usage = OpenAIUsageReader.Read(ref reader);
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            completion = new ChatCompletion
            {
                Id = id ?? string.Empty,
                Model = model ?? string.Empty,
                Content = choice.Content,
                ToolCalls = choice.ToolCalls ?? [],
                FinishReason = choice.FinishReason,
                Usage = usage,
            };
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Choice ReadFirstChoice(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return default;
        }

        Choice first = default;
        var seen = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (seen)
            {
                reader.Skip();
                continue;
            }

            seen = true;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("message"u8))
                {
                    ReadMessage(ref reader, ref first);
                }
                else if (reader.ValueTextEquals("finish_reason"u8))
                {
                    reader.Read();
                    first.FinishReason = FinishReasons.Read(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }

        return first;
    }

    private static void ReadMessage(ref Utf8JsonReader reader, ref Choice choice)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                choice.Content = ReadContent(ref reader);
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                choice.ToolCalls = ReadToolCalls(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>Content is a string or null; a few compatible servers send an array of text parts, which are joined.</summary>
    private static string? ReadContent(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        string? text = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("text"u8))
                {
                    text = string.Concat(text, OpenAIFunctionReader.ReadString(ref reader, emptyAsNull: false));
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }

        return text;
    }

    private static List<ToolCall> ReadToolCalls(ref Utf8JsonReader reader)
    {
        var calls = new List<ToolCall>();
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return calls;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? id = null, name = null, arguments = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    id = OpenAIFunctionReader.ReadString(ref reader, emptyAsNull: false);
                }
                else if (reader.ValueTextEquals("function"u8))
                {
                    OpenAIFunctionReader.Read(ref reader, emptyAsNull: false, ref name, ref arguments);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            calls.Add(new ToolCall(id ?? string.Empty, name ?? string.Empty, arguments ?? "{}"));
        }

        return calls;
    }

    private struct Choice
    {
        public string? Content;
        public List<ToolCall>? ToolCalls;
        public string? FinishReason;
    }
}
