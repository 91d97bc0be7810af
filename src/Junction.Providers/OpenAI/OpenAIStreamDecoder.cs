using System.Text.Json;
using Junction.Core.Fallback;
using Junction.Providers.Abstractions;
using Junction.Providers.Errors;
using Junction.Providers.Http;
using Junction.Providers.Sse;

namespace Junction.Providers.OpenAI;

/// <summary>
/// Translates <c>chat.completion.chunk</c> events into canonical <see cref="StreamEvent"/>s. One per stream: it keeps
/// the response id and the latest usage, which it releases once, at the end, because some providers repeat a running
/// usage on every chunk and the last one is the bill.
/// </summary>
internal sealed class OpenAIStreamDecoder(string? secret) : IStreamDecoder
{
    private Usage? _usage;

    public string? Id { get; private set; }

    public DecodeStatus Decode(in SseEvent sse, Queue<StreamEvent> output)
    {
        var data = sse.Data.Span.Trim(" \t\r\n"u8);
        if (data.SequenceEqual("[DONE]"u8))
        {
            FlushUsage(output);
            return DecodeStatus.Done;
        }

        if (sse.IsType("error"u8))
        {
            Fail(OpenAIErrorClassifier.FromStreamError(OpenAIErrorBody.Parse(data), secret), output);
            return DecodeStatus.Failed;
        }

        if (data.IsEmpty)
        {
            return DecodeStatus.Continue;
        }

        try
        {
            return DecodeChunk(data, output);
        }
        catch (JsonException)
        {
            Fail(new ProviderError(ErrorKind.ServerError, null, "The provider sent a malformed stream chunk."), output);
            return DecodeStatus.Failed;
        }
    }

    /// <summary>The event stream ended without <c>[DONE]</c>: an answer may be missing its end, so it is an error.</summary>
    public void Ended(Queue<StreamEvent> output) =>
        Fail(new ProviderError(ErrorKind.ServerError, null, "The provider's stream ended before [DONE]."), output);

    /// <summary>Queues what usage was seen, then the error: tokens already billed are still accounted.</summary>
    public void Fail(ProviderError error, Queue<StreamEvent> output)
    {
        FlushUsage(output);
        output.Enqueue(new StreamEvent(StreamEventKind.Error, Error: error));
    }

    private void FlushUsage(Queue<StreamEvent> output)
    {
        if (_usage is { } usage)
        {
            output.Enqueue(new StreamEvent(StreamEventKind.Usage, Usage: usage));
            _usage = null;
        }
    }

    private DecodeStatus DecodeChunk(ReadOnlySpan<byte> data, Queue<StreamEvent> output)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A chunk must be a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("choices"u8))
            {
                ReadChoices(ref reader, output);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    _usage = OpenAIUsageReader.Read(ref reader);
                }
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                if (Id is null && reader.TokenType == JsonTokenType.String)
                {
                    Id = reader.GetString();
                }
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Null)
                {
                    Fail(OpenAIErrorClassifier.FromStreamError(OpenAIErrorBody.Parse(data), secret), output);
                    return DecodeStatus.Failed;
                }
            }
            else if (reader.ValueTextEquals("x_groq"u8))
            {
                ReadGroqExtension(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return DecodeStatus.Continue;
    }

    private static void ReadChoices(ref Utf8JsonReader reader, Queue<StreamEvent> output)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            ReadChoice(ref reader, output);
        }
    }

    /// <summary>Only choice 0 is decoded (Junction asks for one); the finish event follows the choice's deltas.</summary>
    private static void ReadChoice(ref Utf8JsonReader reader, Queue<StreamEvent> output)
    {
        string? finishReason = null;
        var skip = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                skip = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var index) && index != 0;
            }
            else if (!skip && reader.ValueTextEquals("delta"u8))
            {
                ReadDelta(ref reader, output);
            }
            else if (!skip && reader.ValueTextEquals("finish_reason"u8))
            {
                reader.Read();
                finishReason = FinishReasons.Read(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (finishReason is not null)
        {
            output.Enqueue(new StreamEvent(StreamEventKind.Finish, FinishReason: finishReason));
        }
    }

    private static void ReadDelta(ref Utf8JsonReader reader, Queue<StreamEvent> output)
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
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.IsEmpty)
                {
                    continue;
                }

                if (reader.TokenType == JsonTokenType.String)
                {
                    output.Enqueue(new StreamEvent(StreamEventKind.TextDelta, Text: reader.GetString()));
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                ReadToolCallDeltas(ref reader, output);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>
    /// Each piece of a tool call becomes one event: the first carries id and name, later ones argument fragments in
    /// <see cref="StreamEvent.Text"/>. Pieces are matched by <c>index</c>, which some providers leave out for a single call.
    /// </summary>
    private static void ReadToolCallDeltas(ref Utf8JsonReader reader, Queue<StreamEvent> output)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var index = 0;
            string? id = null, name = null, arguments = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("index"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Number)
                    {
                        reader.TryGetInt32(out index);
                    }
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    id = OpenAIFunctionReader.ReadString(ref reader, emptyAsNull: true);
                }
                else if (reader.ValueTextEquals("function"u8))
                {
                    OpenAIFunctionReader.Read(ref reader, emptyAsNull: true, ref name, ref arguments);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (id is not null || name is not null || arguments is not null)
            {
                output.Enqueue(new StreamEvent(StreamEventKind.ToolCallDelta, Text: arguments, ToolCallIndex: index, ToolCallId: id, ToolName: name));
            }
        }
    }

    /// <summary>Groq's legacy placement: the final chunk's <c>x_groq.usage</c>, sent when <c>stream_options</c> was not.</summary>
    private void ReadGroqExtension(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    _usage = OpenAIUsageReader.Read(ref reader);
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }
}
