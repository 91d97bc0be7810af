using Junction.Providers.Abstractions;
using Junction.Providers.Sse;

namespace Junction.Providers.Http;

/// <summary>What one decoded SSE event means for the stream.</summary>
internal enum DecodeStatus
{
    /// <summary>More events follow.</summary>
    Continue,

    /// <summary>The dialect's end marker: the stream ended well.</summary>
    Done,

    /// <summary>The stream failed; an <see cref="StreamEventKind.Error"/> event was queued.</summary>
    Failed,
}

/// <summary>
/// Translates one dialect's SSE events into canonical <see cref="StreamEvent"/>s for <see cref="ProviderStream"/>.
/// One per stream: it may keep state (the id, usage seen so far) between events.
/// </summary>
internal interface IStreamDecoder
{
    /// <summary>The response id, once an event carried it.</summary>
    string? Id { get; }

    DecodeStatus Decode(in SseEvent sse, Queue<StreamEvent> output);

    /// <summary>The connection closed with no end marker seen by <see cref="Decode"/>.</summary>
    void Ended(Queue<StreamEvent> output);

    /// <summary>Queues <paramref name="error"/> as the stream's last event, with whatever must precede it.</summary>
    void Fail(ProviderError error, Queue<StreamEvent> output);
}
