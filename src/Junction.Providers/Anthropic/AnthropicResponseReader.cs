using System.Text;
using System.Text.Json;
using Junction.Core.Fallback;
using Junction.Core.Requests;
using Junction.Providers.Abstractions;

namespace Junction.Providers.Anthropic;

/// <summary>
/// Reads a non-streamed Messages response into a <see cref="ChatCompletion"/>: text blocks joined into the content,
/// <c>tool_use</c> blocks into tool calls (their <c>input</c> kept as JSON text). Thinking and server-tool blocks have
/// no canonical field and are skipped.
/// </summary>
internal static class AnthropicResponseReader
{
    public static CompletionResult Read(ReadOnlySpan<byte> json, int status, string? secret)
    {
        try
        {
            return ReadCore(json, status, secret);
        }
        catch (JsonException)
        {
            return Malformed(status);
        }
    }

    private static CompletionResult ReadCore(ReadOnlySpan<byte> json, int status, string? secret)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Malformed(status);
        }

        string? id = null, model = null, stopReason = null, stopSequence = null;
        var content = new Content();
        var usage = default(AnthropicUsage);
        var isError = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                id = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                isError = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("error"u8);
                reader.Skip();
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                model = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("content"u8))
            {
                ReadContent(ref reader, json, ref content);
            }
            else if (reader.ValueTextEquals("stop_reason"u8))
            {
                reader.Read();
                stopReason = AnthropicStopReasons.Read(ref reader);
            }
            else if (reader.ValueTextEquals("stop_sequence"u8))
            {
                stopSequence = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    usage = AnthropicUsage.Read(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // An error object with a 200 status: classify it like an error response.
        if (isError)
        {
            return CompletionResult.Fail(AnthropicErrorClassifier.FromStreamError(AnthropicErrorBody.Parse(json), secret) with { Status = status });
        }

        return CompletionResult.Ok(new ChatCompletion
        {
            Id = id ?? string.Empty,
            Model = model ?? string.Empty,
            Content = content.Text(),
            ToolCalls = content.ToolCalls ?? [],
            FinishReason = stopReason,
            StopSequence = stopReason == "stop" ? stopSequence : null,
            Usage = usage.IsEmpty ? null : usage.ToUsage(),
        });
    }

    private static void ReadContent(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref Content content)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            ReadBlock(ref reader, json, ref content);
        }
    }

    /// <summary>Reads one block; its <c>type</c> may come after the fields it governs, so both kinds are collected first.</summary>
    private static void ReadBlock(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref Content content)
    {
        var kind = BlockKind.Other;
        string? text = null, id = null, name = null, input = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                kind = reader.TokenType != JsonTokenType.String ? BlockKind.Other
                    : reader.ValueTextEquals("text"u8) ? BlockKind.Text
                    : reader.ValueTextEquals("tool_use"u8) ? BlockKind.ToolUse
                    : BlockKind.Other;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                text = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                id = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                name = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("input"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                input = Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (kind == BlockKind.Text && text is not null)
        {
            content.Add(text);
        }
        else if (kind == BlockKind.ToolUse)
        {
            (content.ToolCalls ??= []).Add(new ToolCall(id ?? string.Empty, name ?? string.Empty, input ?? "{}"));
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    private static CompletionResult Malformed(int status) =>
        CompletionResult.Fail(new ProviderError(ErrorKind.ServerError, status, "The provider sent a malformed response body."));

    private enum BlockKind
    {
        Other,
        Text,
        ToolUse,
    }

    /// <summary>The answer's text and calls; one text block (the usual case) is kept without copying.</summary>
    private struct Content
    {
        public List<ToolCall>? ToolCalls;
        private string? _first;
        private StringBuilder? _joined;

        public void Add(string text)
        {
            if (_first is null)
            {
                _first = text;
                return;
            }

            (_joined ??= new StringBuilder(_first)).Append(text);
        }

        public readonly string? Text() => _joined?.ToString() ?? _first;
    }
}
