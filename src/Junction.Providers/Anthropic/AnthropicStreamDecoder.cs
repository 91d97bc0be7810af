using System.Text.Json;
using Junction.Core.Fallback;
using Junction.Providers.Abstractions;
using Junction.Providers.Http;
using Junction.Providers.Sse;

namespace Junction.Providers.Anthropic;

/// <summary>
/// Translates the Messages event stream into canonical <see cref="StreamEvent"/>s. One per stream: it keeps the message
/// id, the usage (input counts from <c>message_start</c>, cumulative counts from <c>message_delta</c>), and which content
/// blocks are tool calls, since deltas name a block by its position among all blocks and tool calls are numbered among
/// themselves.
/// </summary>
internal sealed class AnthropicStreamDecoder(string? secret) : IStreamDecoder
{
    private AnthropicUsage _usage;
    private bool _emitted;
    private int _toolCount;

    // Content-block index → tool-call index, -1 for blocks that are not tool calls (text, thinking, server tools).
    private int[] _toolIndexByBlock = [];

    public string? Id { get; private set; }

    /// <summary>Decodes one event into <paramref name="output"/>; done at <c>message_stop</c>, failed on an error.</summary>
    public DecodeStatus Decode(in SseEvent sse, Queue<StreamEvent> output)
    {
        var data = sse.Data.Span;
        try
        {
            // Anthropic names every event; a proxy that drops the names still leaves the data's own "type".
            var type = sse.EventType.Span;
            if (type.IsEmpty)
            {
                type = FindType(data);
            }

            if (type.SequenceEqual("content_block_delta"u8))
            {
                ReadBlockDelta(data, output);
            }
            else if (type.SequenceEqual("content_block_start"u8))
            {
                ReadBlockStart(data, output);
            }
            else if (type.SequenceEqual("message_start"u8))
            {
                ReadMessageStart(data);
            }
            else if (type.SequenceEqual("message_delta"u8))
            {
                ReadMessageDelta(data, output);
            }
            else if (type.SequenceEqual("message_stop"u8))
            {
                FlushUsage(output);
                return DecodeStatus.Done;
            }
            else if (type.SequenceEqual("error"u8))
            {
                Fail(AnthropicErrorClassifier.FromStreamError(AnthropicErrorBody.Parse(data), secret), output);
                return DecodeStatus.Failed;
            }

            // ping, content_block_stop, and event types added later carry nothing canonical.
            return DecodeStatus.Continue;
        }
        catch (JsonException)
        {
            Fail(new ProviderError(ErrorKind.ServerError, null, "The provider sent a malformed stream event."), output);
            return DecodeStatus.Failed;
        }
    }

    /// <summary>The event stream ended without <c>message_stop</c>: the answer may be missing its end, so it is an error.</summary>
    public void Ended(Queue<StreamEvent> output) =>
        Fail(new ProviderError(ErrorKind.ServerError, null, "The provider's stream ended before message_stop."), output);

    /// <summary>
    /// Queues the usage seen so far, then the error: tokens of an answer already under way are still accounted. Before
    /// any content there is nothing to account, and the error must come first so the stream fails to open.
    /// </summary>
    public void Fail(ProviderError error, Queue<StreamEvent> output)
    {
        if (_emitted)
        {
            FlushUsage(output);
        }

        output.Enqueue(new StreamEvent(StreamEventKind.Error, Error: error));
    }

    private void FlushUsage(Queue<StreamEvent> output)
    {
        if (!_usage.IsEmpty)
        {
            output.Enqueue(new StreamEvent(StreamEventKind.Usage, Usage: _usage.ToUsage()));
            _usage = default;
        }
    }

    private void Enqueue(Queue<StreamEvent> output, in StreamEvent item)
    {
        _emitted = true;
        output.Enqueue(item);
    }

    /// <summary><c>{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}</c>, or an <c>input_json_delta</c>.</summary>
    private void ReadBlockDelta(ReadOnlySpan<byte> data, Queue<StreamEvent> output)
    {
        var reader = Open(data);
        var index = -1;
        var kind = DeltaKind.Other;
        string? text = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                index = ReadIndex(ref reader);
            }
            else if (reader.ValueTextEquals("delta"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("type"u8))
                    {
                        reader.Read();
                        kind = reader.TokenType != JsonTokenType.String ? DeltaKind.Other
                            : reader.ValueTextEquals("text_delta"u8) ? DeltaKind.Text
                            : reader.ValueTextEquals("input_json_delta"u8) ? DeltaKind.InputJson
                            : DeltaKind.Other;
                        reader.Skip();
                    }
                    else if (reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("partial_json"u8))
                    {
                        text = ReadNonEmptyString(ref reader);
                    }
                    else
                    {
                        // thinking, signature, citation: no canonical field.
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Skip();
            }
        }

        if (text is null)
        {
            return;
        }

        if (kind == DeltaKind.Text)
        {
            Enqueue(output, new StreamEvent(StreamEventKind.TextDelta, Text: text));
        }
        else if (kind == DeltaKind.InputJson && ToolIndex(index) is var tool and >= 0)
        {
            Enqueue(output, new StreamEvent(StreamEventKind.ToolCallDelta, Text: text, ToolCallIndex: tool));
        }
    }

    /// <summary><c>{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id","name","input":{}}}</c>.</summary>
    private void ReadBlockStart(ReadOnlySpan<byte> data, Queue<StreamEvent> output)
    {
        var reader = Open(data);
        var index = -1;
        var kind = BlockKind.Other;
        string? id = null, name = null, text = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                index = ReadIndex(ref reader);
            }
            else if (reader.ValueTextEquals("content_block"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
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
                    else if (reader.ValueTextEquals("id"u8))
                    {
                        id = ReadNonEmptyString(ref reader);
                    }
                    else if (reader.ValueTextEquals("name"u8))
                    {
                        name = ReadNonEmptyString(ref reader);
                    }
                    else if (reader.ValueTextEquals("text"u8))
                    {
                        text = ReadNonEmptyString(ref reader);
                    }
                    else
                    {
                        // The tool's input starts as {} and arrives in input_json_delta pieces.
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Skip();
            }
        }

        if (kind == BlockKind.ToolUse && index >= 0)
        {
            var tool = _toolCount++;
            MapBlock(index, tool);
            Enqueue(output, new StreamEvent(StreamEventKind.ToolCallDelta, ToolCallIndex: tool, ToolCallId: id, ToolName: name));
        }
        else if (kind == BlockKind.Text && text is not null)
        {
            Enqueue(output, new StreamEvent(StreamEventKind.TextDelta, Text: text));
        }
    }

    /// <summary><c>{"type":"message_start","message":{"id","model","usage":{"input_tokens",...}}}</c>.</summary>
    private void ReadMessageStart(ReadOnlySpan<byte> data)
    {
        var reader = Open(data);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("message"u8) || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    var id = ReadNonEmptyString(ref reader);
                    Id ??= id;
                }
                else if (reader.ValueTextEquals("usage"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    _usage.Merge(AnthropicUsage.Read(ref reader));
                }
                else
                {
                    reader.Skip();
                }
            }
        }
    }

    /// <summary>
    /// <c>{"type":"message_delta","delta":{"stop_reason":"stop_sequence","stop_sequence":"\n\nHuman:"},"usage":{"output_tokens":15}}</c>:
    /// counts are cumulative.
    /// </summary>
    private void ReadMessageDelta(ReadOnlySpan<byte> data, Queue<StreamEvent> output)
    {
        var reader = Open(data);
        string? finish = null, stopSequence = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("delta"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("stop_reason"u8))
                    {
                        reader.Read();
                        finish = AnthropicStopReasons.Read(ref reader);
                    }
                    else if (reader.ValueTextEquals("stop_sequence"u8))
                    {
                        reader.Read();
                        stopSequence = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        reader.Skip();
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("usage"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                _usage.Merge(AnthropicUsage.Read(ref reader));
            }
            else
            {
                reader.Skip();
            }
        }

        if (finish is not null)
        {
            Enqueue(output, new StreamEvent(StreamEventKind.Finish, FinishReason: finish, StopSequence: finish == "stop" ? stopSequence : null));
        }
    }

    private int ToolIndex(int block) =>
        block >= 0 && block < _toolIndexByBlock.Length ? _toolIndexByBlock[block] : -1;

    private void MapBlock(int block, int tool)
    {
        if (block >= _toolIndexByBlock.Length)
        {
            var grown = new int[Math.Max(block + 1, Math.Max(4, _toolIndexByBlock.Length * 2))];
            Array.Fill(grown, -1);
            _toolIndexByBlock.CopyTo(grown, 0);
            _toolIndexByBlock = grown;
        }

        _toolIndexByBlock[block] = tool;
    }

    /// <summary>A reader on the event's root object, positioned inside it; anything else is malformed.</summary>
    private static Utf8JsonReader Open(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A stream event must be a JSON object.");
        }

        return reader;
    }

    /// <summary>The root object's <c>type</c>, for events that came without an <c>event:</c> name.</summary>
    private static ReadOnlySpan<byte> FindType(ReadOnlySpan<byte> data)
    {
        var reader = Open(data);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped ? reader.ValueSpan : default;
            }

            reader.Read();
            reader.Skip();
        }

        return default;
    }

    private static int ReadIndex(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var index) ? index : -1;
    }

    private static string? ReadNonEmptyString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        return reader.ValueSpan.IsEmpty ? null : reader.GetString();
    }

    private enum DeltaKind
    {
        Other,
        Text,
        InputJson,
    }

    private enum BlockKind
    {
        Other,
        Text,
        ToolUse,
    }
}
