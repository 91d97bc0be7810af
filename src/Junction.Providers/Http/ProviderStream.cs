using System.Runtime.CompilerServices;
using Junction.Core.Fallback;
using Junction.Providers.Abstractions;
using Junction.Providers.Errors;
using Junction.Providers.Sse;

namespace Junction.Providers.Http;

/// <summary>
/// An open provider stream of any dialect: its <see cref="IStreamDecoder"/> decodes SSE events as bytes arrive. Failures
/// after the stream opened become one final <see cref="StreamEventKind.Error"/> event; only the caller's own
/// cancellation throws.
/// </summary>
internal sealed class ProviderStream : IProviderStream
{
    private readonly HttpRequestMessage _request;
    private readonly HttpResponseMessage _response;
    private readonly SseReader _sse;
    private readonly AttemptScope _scope;
    private readonly IStreamDecoder _decoder;
    private readonly Queue<StreamEvent> _pending = new(4);
    private StreamEvent? _first;
    private bool _ended;
    private bool _disposed;

    public ProviderStream(HttpRequestMessage request, HttpResponseMessage response, Stream body, AttemptScope scope, IStreamDecoder decoder)
    {
        _request = request;
        _response = response;
        _scope = scope;
        _sse = new SseReader(body);
        _decoder = decoder;
    }

    public string? Id => _decoder.Id;

    /// <summary>
    /// Reads up to the first event while the attempt timeout still runs (it bounds the time to first token), then
    /// stops the timer. The event is kept and yielded first by <see cref="ReadAllAsync"/>.
    /// </summary>
    public async ValueTask<StreamEvent?> ReadFirstAsync()
    {
        var first = await ReadNextAsync(_scope.Token, CancellationToken.None).ConfigureAwait(false);
        _scope.Disarm();
        _first = first;
        return first;
    }

    public async IAsyncEnumerable<StreamEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_first is { } first)
        {
            _first = null;
            yield return first;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_scope.Token, cancellationToken);
        while (await ReadNextAsync(linked.Token, cancellationToken).ConfigureAwait(false) is { } next)
        {
            yield return next;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _ended = true;

        // Cancelling first aborts a read in flight; disposing the response then closes the connection.
        _scope.Abort();
        await _sse.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
        _request.Dispose();
        _scope.Dispose();
    }

    private async ValueTask<StreamEvent?> ReadNextAsync(CancellationToken token, CancellationToken reader)
    {
        while (true)
        {
            if (_pending.TryDequeue(out var queued))
            {
                return queued;
            }

            if (_ended)
            {
                return null;
            }

            try
            {
                if (!await _sse.ReadAsync(token).ConfigureAwait(false))
                {
                    _ended = true;
                    _decoder.Ended(_pending);
                    continue;
                }
            }
            catch (Exception exception) when (TransportFailure.IsTransport(exception) || exception is InvalidDataException)
            {
                if (_scope.Caller.IsCancellationRequested || reader.IsCancellationRequested)
                {
                    throw new OperationCanceledException("The caller cancelled the stream.", exception, reader.IsCancellationRequested ? reader : _scope.Caller);
                }

                if (_disposed)
                {
                    return null;
                }

                _ended = true;
                var error = exception is InvalidDataException
                    ? new ProviderError(ErrorKind.ServerError, null, "The provider sent a malformed event stream.")
                    : TransportFailure.Classify(exception);
                _decoder.Fail(error, _pending);
                continue;
            }

            if (_decoder.Decode(_sse.Current, _pending) != DecodeStatus.Continue)
            {
                _ended = true;
            }
        }
    }
}
