using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Junction.Benchmarks.Streaming;

/// <summary>
/// An <see cref="HttpResponse"/> whose body writer keeps one reusable buffer and drops what each flush would send, so
/// a stream renderer's own work is measured without a socket. <see cref="BytesFlushed"/> counts what it wrote. The
/// buffer is pooled, like Kestrel's, so a stream's cost does not include a fresh one: dispose returns it.
/// </summary>
internal sealed class DiscardingResponse : PipeWriter, IHttpResponseBodyFeature, IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _written;

    private DiscardingResponse()
    {
    }

    public long BytesFlushed { get; private set; }

    public Stream Stream => Stream.Null;

    public PipeWriter Writer => this;

    /// <summary>A fresh response over a discarding body.</summary>
    public static (HttpResponse Response, DiscardingResponse Body) Create()
    {
        var body = new DiscardingResponse();
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseBodyFeature>(body);
        return (context.Response, body);
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        ArrayPool<byte>.Shared.Return(buffer);
    }

    public override void Advance(int bytes) => _written += bytes;

    public override Memory<byte> GetMemory(int sizeHint = 0) => _buffer.AsMemory(Reserve(sizeHint));

    public override Span<byte> GetSpan(int sizeHint = 0) => _buffer.AsSpan(Reserve(sizeHint));

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        Drop();
        return new ValueTask<FlushResult>(new FlushResult(isCanceled: false, isCompleted: false));
    }

    public override void CancelPendingFlush()
    {
    }

    public override void Complete(Exception? exception = null) => Drop();

    public void DisableBuffering()
    {
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task CompleteAsync()
    {
        Drop();
        return Task.CompletedTask;
    }

    private int Reserve(int sizeHint)
    {
        if (_buffer.Length - _written < Math.Max(sizeHint, 1))
        {
            // Writers flush per event; a writer that asks for more than what is left between flushes drops early.
            Drop();
        }

        return _written;
    }

    private void Drop()
    {
        BytesFlushed += _written;
        _written = 0;
    }
}
