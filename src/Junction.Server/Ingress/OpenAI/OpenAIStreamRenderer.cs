using Junction.Providers.Abstractions;
using Junction.Server.Pipeline;

namespace Junction.Server.Ingress.OpenAI;

/// <summary>Renders a stream as OpenAI chat completion chunks, the <c>junction</c> object on the last one, then <c>[DONE]</c>.</summary>
internal sealed class OpenAIStreamRenderer(HttpResponse response, long created, bool callerWantsUsage) : IStreamRenderer
{
    private ChatChunkWriter? _chunks;

    public async ValueTask StartAsync(StreamStart start, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var id = start.Id.StartsWith("chatcmpl", StringComparison.Ordinal) ? start.Id : "chatcmpl-" + start.Id;
        _chunks = new ChatChunkWriter(new StreamOutput(response.BodyWriter), id, created, start.Model);
        await response.StartAsync(cancellationToken);
    }

    public void Write(StreamEvent e)
    {
        var chunks = _chunks!;
        if (e.Kind == StreamEventKind.ToolCallDelta)
        {
            chunks.WriteToolCall(e);
        }
        else
        {
            chunks.WriteText(e.Text!);
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken) => await _chunks!.FlushAsync(cancellationToken);

    public async ValueTask FinishAsync(StreamFinish finish, CancellationToken cancellationToken)
    {
        var chunks = _chunks!;

        // The adapter always asks the upstream for usage, so the cost is settled; the caller sees it only if it asked.
        if (callerWantsUsage && finish.Usage is { } usage)
        {
            chunks.WriteFinish(finish.FinishReason, null);
            chunks.WriteUsage(usage, finish.Served);
        }
        else
        {
            chunks.WriteFinish(finish.FinishReason, finish.Served);
        }

        chunks.WriteDone();
        await chunks.FlushAsync(cancellationToken);
    }

    public async ValueTask FailAsync(ApiError error, CancellationToken cancellationToken)
    {
        var chunks = _chunks!;
        chunks.WriteError(error);
        chunks.WriteDone();
        await chunks.FlushAsync(cancellationToken);
    }

    public void Dispose() => _chunks?.Dispose();
}
