using System.Net;
using System.Net.Http.Headers;

namespace Junction.Providers.Http;

/// <summary>A request body over a pooled buffer, returned to the pool when the request message is disposed.</summary>
internal sealed class PooledContent : HttpContent
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly PooledBufferWriter _body;

    public PooledContent(PooledBufferWriter body)
    {
        _body = body;
        Headers.ContentType = Json;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(_body.WrittenMemory).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_body.WrittenMemory, cancellationToken).AsTask();

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.Write(_body.WrittenSpan);

    protected override bool TryComputeLength(out long length)
    {
        length = _body.WrittenCount;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
        }

        base.Dispose(disposing);
    }
}
