using System.Globalization;
using System.Text.Json;
using Junction.Core.Fallback;
using Junction.Providers.Abstractions;
using Junction.Providers.Http;
using Junction.Providers.OpenAI;
using Junction.Providers.Sse;

namespace Junction.Providers.Gemini;

/// <summary>
/// Translates <c>streamGenerateContent?alt=sse</c> events, each a whole <c>GenerateContentResponse</c>, into canonical
/// <see cref="StreamEvent"/>s. Gemini sends no end marker: the stream is complete when a chunk carried a finish reason
/// (or a prompt block) and the connection then closed. Usage rides on every chunk as a running total; the last one is
/// released once, at the end.
/// </summary>
internal sealed class GeminiStreamDecoder(string? secret) : IStreamDecoder
{
    private readonly GeminiResponse _chunk = new();
    private GeminiUsage? _usage;
    private int _calls;
    private bool _finished;

    public string? Id => _chunk.ResponseId;

    public DecodeStatus Decode(in SseEvent sse, Queue<StreamEvent> output)
    {
        var data = sse.Data.Span.Trim(" \t\r\n"u8);
        if (data.IsEmpty)
        {
            return DecodeStatus.Continue;
        }

        try
        {
            _chunk.Read(data);
        }
        catch (JsonException)
        {
            Fail(new ProviderError(ErrorKind.ServerError, null, "The provider sent a malformed stream chunk."), output);
            return DecodeStatus.Failed;
        }

        if (_chunk.IsError || sse.IsType("error"u8))
        {
            Fail(GeminiErrorClassifier.FromStreamError(GeminiErrorBody.Parse(data), secret), output);
            return DecodeStatus.Failed;
        }

        foreach (var text in _chunk.Texts)
        {
            output.Enqueue(new StreamEvent(StreamEventKind.TextDelta, Text: text));
        }

        // Gemini sends a function call whole, so one delta carries its id, name and complete arguments.
        foreach (var call in _chunk.Calls)
        {
            var index = _calls++;
            output.Enqueue(new StreamEvent(StreamEventKind.ToolCallDelta, Text: call.ArgumentsJson, ToolCallIndex: index,
                ToolCallId: call.Id ?? CallId(index), ToolName: call.Name));
        }

        if (_chunk.Usage is { } usage)
        {
            _usage = usage;
        }

        var finish = _chunk.BlockReason is not null ? FinishReasons.ContentFilter : _chunk.FinishReason;
        if (finish is not null && !_finished)
        {
            _finished = true;
            output.Enqueue(new StreamEvent(StreamEventKind.Finish, FinishReason: GeminiFinishReasons.Resolve(finish, _calls > 0)));
        }

        return DecodeStatus.Continue;
    }

    /// <summary>The connection closed: a normal end once a finish reason came, a cut answer before that.</summary>
    public void Ended(Queue<StreamEvent> output)
    {
        if (_finished)
        {
            FlushUsage(output);
            return;
        }

        Fail(new ProviderError(ErrorKind.ServerError, null, "The provider's stream ended before a finish reason."), output);
    }

    /// <summary>Queues what usage was seen, then the error: tokens already billed are still accounted.</summary>
    public void Fail(ProviderError error, Queue<StreamEvent> output)
    {
        FlushUsage(output);
        output.Enqueue(new StreamEvent(StreamEventKind.Error, Error: error));
    }

    /// <summary>The id of a call Gemini sent without one: its position in the answer, stable for the same answer.</summary>
    internal static string CallId(int index) => index switch
    {
        0 => "call_0",
        1 => "call_1",
        2 => "call_2",
        _ => "call_" + index.ToString(CultureInfo.InvariantCulture),
    };

    private void FlushUsage(Queue<StreamEvent> output)
    {
        if (_usage is { } usage)
        {
            output.Enqueue(new StreamEvent(StreamEventKind.Usage, Usage: usage.ToUsage()));
            _usage = null;
        }
    }
}
