using System.Buffers;
using System.Text.Json;
using Junction.Providers.Abstractions;
using Junction.Providers.Http;
using Junction.Providers.Sse;
using Junction.Server.Json;
using Junction.Server.Pipeline;

namespace Junction.Server.Ingress.OpenAI;

/// <summary>
/// Writes canonical stream events to the caller as OpenAI <c>chat.completion.chunk</c> server-sent events, with the
/// catalog id as <c>model</c>, into the stream's buffer; <see cref="FlushAsync"/> sends what is there. One instance
/// per streamed response; not thread-safe.
/// </summary>
internal sealed class ChatChunkWriter(StreamOutput output, string id, long created, string model) : IDisposable
{
    private readonly Utf8JsonWriter _json = new(output, JsonWriting.WriterOptions);
    private bool _roleSent;

    /// <summary>
    /// <c>data: {"id":…,"model":…,"choices":[{"index":0,"delta":{"content":</c>, encoded once per stream: every text
    /// chunk after the first starts with exactly these bytes, and writing them through the JSON writer (escaping the
    /// id and model again each time) was most of a delta's rendering cost.
    /// </summary>
    private PooledBufferWriter? _textChunkHead;

    /// <summary>True once any content chunk went out: from then on the response can only end, never fall over.</summary>
    public bool SentContent { get; private set; }

    public void WriteText(string text)
    {
        if (!_roleSent)
        {
            Begin();
            WriteDeltaStart();
            _json.WriteString("content"u8, text);
            WriteDeltaEnd(finishReason: null);
            End();
            SentContent = true;
            return;
        }

        Write((_textChunkHead ??= EncodeTextChunkHead()).WrittenSpan);
        _json.Reset(output);
        _json.WriteStringValue(text);
        _json.Flush();
        Write(TextChunkTail);
        SentContent = true;
    }

    public void WriteToolCall(in StreamEvent e)
    {
        Begin();
        WriteDeltaStart();
        _json.WriteStartArray("tool_calls"u8);
        _json.WriteStartObject();
        _json.WriteNumber("index"u8, e.ToolCallIndex);
        if (e.ToolCallId is not null)
        {
            _json.WriteString("id"u8, e.ToolCallId);
            _json.WriteString("type"u8, "function"u8);
        }

        _json.WriteStartObject("function"u8);
        if (e.ToolName is not null)
        {
            _json.WriteString("name"u8, e.ToolName);
        }

        _json.WriteString("arguments"u8, e.Text ?? string.Empty);
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.WriteEndArray();
        WriteDeltaEnd(finishReason: null);
        End();
        SentContent = true;
    }

    /// <summary>The chunk carrying <c>finish_reason</c>; it also carries <paramref name="served"/> when it is the last chunk.</summary>
    public void WriteFinish(string finishReason, in ServedInfo? served)
    {
        Begin();
        WriteDeltaStart();
        WriteDeltaEnd(finishReason);
        served?.WriteTo(_json);
        End();
    }

    /// <summary>The usage chunk (<c>choices: []</c>) that <c>stream_options.include_usage</c> asks for; it is the last chunk.</summary>
    public void WriteUsage(Usage usage, in ServedInfo served)
    {
        Begin();
        _json.WriteStartArray("choices"u8);
        _json.WriteEndArray();
        UsageJson.Write(_json, usage);
        served.WriteTo(_json);
        End();
    }

    /// <summary>A well-formed end for a stream that failed after content: <c>data: {"error":{...}}</c>.</summary>
    public void WriteError(ApiError error)
    {
        SseWriter.WriteDataPrefix(output);
        _json.Reset(output);
        _json.WriteStartObject();
        _json.WritePropertyName("error"u8);
        OpenAIErrorWriter.WriteErrorObject(_json, error);
        _json.WriteEndObject();
        _json.Flush();
        SseWriter.WriteEnd(output);
    }

    public void WriteDone() => SseWriter.WriteDone(output);

    public ValueTask FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken);

    public void Dispose()
    {
        _json.Dispose();
        _textChunkHead?.Dispose();
        output.Dispose();
    }

    /// <summary>Starts a chunk in <paramref name="target"/> (the stream's output unless said otherwise): <c>data: {"id":…,"model":…</c>.</summary>
    private void Begin(IBufferWriter<byte>? target = null)
    {
        target ??= output;
        SseWriter.WriteDataPrefix(target);
        _json.Reset(target);
        _json.WriteStartObject();
        _json.WriteString("id"u8, id);
        _json.WriteString("object"u8, "chat.completion.chunk"u8);
        _json.WriteNumber("created"u8, created);
        _json.WriteString("model"u8, model);
    }

    private void WriteDeltaStart()
    {
        _json.WriteStartArray("choices"u8);
        _json.WriteStartObject();
        _json.WriteNumber("index"u8, 0);
        _json.WriteStartObject("delta"u8);
        if (!_roleSent)
        {
            _json.WriteString("role"u8, "assistant"u8);
            _roleSent = true;
        }
    }

    private void WriteDeltaEnd(string? finishReason)
    {
        _json.WriteEndObject();
        _json.WriteNull("logprobs"u8);
        if (finishReason is null)
        {
            _json.WriteNull("finish_reason"u8);
        }
        else
        {
            _json.WriteString("finish_reason"u8, finishReason);
        }

        _json.WriteEndObject();
        _json.WriteEndArray();
    }

    private void End()
    {
        _json.WriteEndObject();
        _json.Flush();
        SseWriter.WriteEnd(output);
    }

    /// <summary>What follows a text chunk's content: the rest of the choice, the envelope and the frame's end.</summary>
    private static ReadOnlySpan<byte> TextChunkTail => "},\"logprobs\":null,\"finish_reason\":null}]}\n\n"u8;

    /// <summary>Called once the role went out with the first chunk, so the head carries no <c>role</c>.</summary>
    private PooledBufferWriter EncodeTextChunkHead()
    {
        var head = new PooledBufferWriter(256);
        Begin(head);
        WriteDeltaStart();
        _json.WritePropertyName("content"u8);
        _json.Flush();
        return head;
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
