using System.Text.Json;
using Junction.Providers.Abstractions;
using Junction.Server.Ingress.OpenAI;
using Junction.Server.Json;
using Junction.Server.Pipeline;

namespace Junction.Server.Native;

/// <summary>
/// Renders <c>/api/route/stream</c>: <c>meta</c> (model, provider, estimated_cost, trace_id), <c>delta</c> ({text}),
/// then <c>done</c> (actual_cost, usage, metrics) or <c>error</c> (code, message). Tool calls are not part of this API.
/// </summary>
internal sealed class NativeStreamRenderer(HttpResponse response, TimeProvider time) : IStreamRenderer
{
    private readonly StreamOutput _output = new(response.BodyWriter);
    private readonly Utf8JsonWriter _json = new(Stream.Null, JsonWriting.WriterOptions);
    private readonly long _started = time.GetTimestamp();

    public async ValueTask StartAsync(StreamStart start, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.StartAsync(cancellationToken);
        var json = Begin("meta"u8);
        json.WriteString("model"u8, start.Model);
        json.WriteString("provider"u8, start.Provider);
        json.WriteNumber("estimated_cost"u8, Math.Round(start.EstimatedCost, 10));
        json.WriteString("trace_id"u8, start.TraceId);
        End();
        await _output.FlushAsync(cancellationToken);
    }

    public void Write(StreamEvent e)
    {
        if (e.Kind != StreamEventKind.TextDelta)
        {
            return;
        }

        Begin("delta"u8).WriteString("text"u8, e.Text);
        End();
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken) => await _output.FlushAsync(cancellationToken);

    public async ValueTask FinishAsync(StreamFinish finish, CancellationToken cancellationToken)
    {
        var json = Begin("done"u8);
        if (finish.Served.ActualCost is { } actual)
        {
            json.WriteNumber("actual_cost"u8, Math.Round(actual, 10));
        }
        else
        {
            json.WriteNull("actual_cost"u8);
        }

        json.WriteString("finish_reason"u8, finish.FinishReason);
        if (finish.Usage is { } usage)
        {
            json.WriteStartObject("usage"u8);
            json.WriteNumber("prompt_tokens"u8, usage.PromptTokens);
            json.WriteNumber("completion_tokens"u8, usage.CompletionTokens);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("usage"u8);
        }

        json.WriteStartObject("metrics"u8);
        json.WriteNumber("latency_ms"u8, Math.Round(time.GetElapsedTime(_started).TotalMilliseconds, 1));
        if (finish.TtftMs is { } ttft)
        {
            json.WriteNumber("ttft_ms"u8, ttft);
        }
        else
        {
            json.WriteNull("ttft_ms"u8);
        }

        json.WriteEndObject();
        End();
        await _output.FlushAsync(cancellationToken);
    }

    public async ValueTask FailAsync(ApiError error, CancellationToken cancellationToken)
    {
        var json = Begin("error"u8);
        json.WriteString("code"u8, error.Code);
        json.WriteString("message"u8, error.Message);
        End();
        await _output.FlushAsync(cancellationToken);
    }

    public void Dispose()
    {
        _json.Dispose();
        _output.Dispose();
    }

    private Utf8JsonWriter Begin(ReadOnlySpan<byte> type)
    {
        Write("event: "u8);
        Write(type);
        Write("\ndata: "u8);
        _json.Reset(_output);
        _json.WriteStartObject();
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
