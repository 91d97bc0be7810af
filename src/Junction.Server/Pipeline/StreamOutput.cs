using System.Buffers;
using System.IO.Pipelines;
using Junction.Providers.Http;

namespace Junction.Server.Pipeline;

/// <summary>
/// Where a stream renderer writes its events between flushes. Kestrel's response <see cref="PipeWriter"/> takes a
/// lock in every <c>GetSpan</c> and <c>Advance</c>, and a chunk written straight into it made five of each (prefix,
/// JSON, frame end); here events gather in a pooled buffer and reach Kestrel in one write per flush.
/// One per streamed response; not thread-safe.
/// </summary>
internal sealed class StreamOutput(PipeWriter response) : IBufferWriter<byte>, IDisposable
{
    private readonly PooledBufferWriter _pending = new(4096);

    public void Advance(int count) => _pending.Advance(count);

    public Memory<byte> GetMemory(int sizeHint = 0) => _pending.GetMemory(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => _pending.GetSpan(sizeHint);

    /// <summary>Hands what was written to the response and sends it.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.WrittenCount > 0)
        {
            response.Write(_pending.WrittenSpan);
            _pending.Clear();
        }

        await response.FlushAsync(cancellationToken);
    }

    public void Dispose() => _pending.Dispose();
}
