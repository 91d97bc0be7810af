using System.Text.Json;
using Junction.Providers.Abstractions;
using Junction.Server.Ingress.OpenAI;
using Junction.Server.Json;
using Junction.Server.Pipeline;

namespace Junction.Server.Ingress.Anthropic;

/// <summary>
/// Renders a stream as Anthropic's events: <c>message_start</c>, per block <c>content_block_start</c> / <c>_delta</c>
/// (<c>text_delta</c>, or <c>input_json_delta</c> for tool use) / <c>_stop</c>, then <c>message_delta</c> (stop reason,
/// usage, and Junction's <c>junction</c> object) and <c>message_stop</c>. A failure after content is an <c>error</c> event.
/// </summary>
internal sealed class AnthropicStreamRenderer(HttpResponse response) : IStreamRenderer
{
    private readonly StreamOutput _output = new(response.BodyWriter);
    private readonly Utf8JsonWriter _json = new(Stream.Null, JsonWriting.WriterOptions);

    /// <summary>Index of the open content block, or -1.</summary>
    private int _block = -1;
    private bool _blockIsText;
    private int _toolIndex = -1;
    private int _estimatedInput;

    public async ValueTask StartAsync(StreamStart start, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        _estimatedInput = start.EstimatedPromptTokens;
        await response.StartAsync(cancellationToken);

        var json = Begin("message_start"u8);
        json.WriteStartObject("message"u8);
        json.WriteString("id"u8, MessageWriter.MessageId(start.Id));
        json.WriteString("type"u8, "message"u8);
        json.WriteString("role"u8, "assistant"u8);
        json.WriteString("model"u8, start.Model);
        json.WriteStartArray("content"u8);
        json.WriteEndArray();
        json.WriteNull("stop_reason"u8);
        json.WriteNull("stop_sequence"u8);
        AnthropicUsageJson.Write(json, null, start.EstimatedPromptTokens, outputOnly: false);
        json.WriteEndObject();
        End();
        await _output.FlushAsync(cancellationToken);
    }

    public void Write(StreamEvent e)
    {
        if (e.Kind == StreamEventKind.ToolCallDelta)
        {
            if (e.ToolCallIndex != _toolIndex || e.ToolName is not null)
            {
                StopBlock();
                _toolIndex = e.ToolCallIndex;
                StartBlock(isText: false, e.ToolCallId ?? $"toolu_{_block + 1}", e.ToolName ?? string.Empty);
            }

            if (!string.IsNullOrEmpty(e.Text))
            {
                var json = BeginDelta();
                json.WriteString("type"u8, "input_json_delta"u8);
                json.WriteString("partial_json"u8, e.Text);
                EndDelta();
            }
        }
        else
        {
            if (_block < 0 || !_blockIsText)
            {
                StopBlock();
                StartBlock(isText: true, null, null);
            }

            var json = BeginDelta();
            json.WriteString("type"u8, "text_delta"u8);
            json.WriteString("text"u8, e.Text);
            EndDelta();
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken) => await _output.FlushAsync(cancellationToken);

    public async ValueTask FinishAsync(StreamFinish finish, CancellationToken cancellationToken)
    {
        StopBlock();
        var json = Begin("message_delta"u8);
        json.WriteStartObject("delta"u8);
        AnthropicStopReasons.Write(json, finish.FinishReason, finish.StopSequence);
        json.WriteEndObject();
        AnthropicUsageJson.Write(json, finish.Usage, _estimatedInput, outputOnly: true);
        finish.Served.WriteTo(json);
        End();
        Begin("message_stop"u8);
        End();
        await _output.FlushAsync(cancellationToken);
    }

    public async ValueTask FailAsync(ApiError error, CancellationToken cancellationToken)
    {
        _json.Reset(_output);
        Write("event: error\ndata: "u8);
        AnthropicErrorWriter.Write(_json, error, withTrace: false);
        _json.Flush();
        Write("\n\n"u8);
        await _output.FlushAsync(cancellationToken);
    }

    public void Dispose()
    {
        _json.Dispose();
        _output.Dispose();
    }

    private void StartBlock(bool isText, string? id, string? name)
    {
        _block++;
        _blockIsText = isText;
        var json = Begin("content_block_start"u8);
        json.WriteNumber("index"u8, _block);
        json.WriteStartObject("content_block"u8);
        if (isText)
        {
            json.WriteString("type"u8, "text"u8);
            json.WriteString("text"u8, string.Empty);
        }
        else
        {
            json.WriteString("type"u8, "tool_use"u8);
            json.WriteString("id"u8, id);
            json.WriteString("name"u8, name);
            json.WriteStartObject("input"u8);
            json.WriteEndObject();
            MessageWriter.WriteDirectCaller(json);
        }

        json.WriteEndObject();
        End();
    }

    private void StopBlock()
    {
        if (_block < 0 || (_blockIsText is false && _toolIndex < 0))
        {
            return;
        }

        var json = Begin("content_block_stop"u8);
        json.WriteNumber("index"u8, _block);
        End();
        _blockIsText = false;
        _toolIndex = -1;
    }

    private Utf8JsonWriter BeginDelta()
    {
        var json = Begin("content_block_delta"u8);
        json.WriteNumber("index"u8, _block);
        json.WriteStartObject("delta"u8);
        return json;
    }

    private void EndDelta()
    {
        _json.WriteEndObject();
        End();
    }

    /// <summary>Starts <c>event: {type}</c> and its data object, whose <c>type</c> is the event's.</summary>
    private Utf8JsonWriter Begin(ReadOnlySpan<byte> type)
    {
        Write("event: "u8);
        Write(type);
        Write("\ndata: "u8);
        _json.Reset(_output);
        _json.WriteStartObject();
        _json.WriteString("type"u8, type);
        return _json;
    }

    private void End()
    {
        _json.WriteEndObject();
        _json.Flush();
        Write("\n\n"u8);
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        var span = _output.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        _output.Advance(bytes.Length);
    }
}
