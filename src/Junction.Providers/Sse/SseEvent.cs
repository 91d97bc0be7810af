namespace Junction.Providers.Sse;

/// <summary>
/// One dispatched Server-Sent Event. The bytes belong to the <see cref="SseReader"/> that produced it and stay valid
/// only until its next <see cref="SseReader.ReadAsync"/>.
/// </summary>
public readonly struct SseEvent(ReadOnlyMemory<byte> eventType, ReadOnlyMemory<byte> data)
{
    /// <summary>The <c>event:</c> field; empty when the event had none (the spec's default type <c>message</c>).</summary>
    public ReadOnlyMemory<byte> EventType { get; } = eventType;

    /// <summary>The <c>data:</c> lines joined with <c>\n</c>, as UTF-8.</summary>
    public ReadOnlyMemory<byte> Data { get; } = data;

    /// <summary>Whether the event's type is <paramref name="name"/> (an empty name matches an untyped event).</summary>
    public bool IsType(ReadOnlySpan<byte> name) => EventType.Span.SequenceEqual(name);
}
