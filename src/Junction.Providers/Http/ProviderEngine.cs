using System.Net.Http.Headers;
using Junction.Core.Fallback;
using Junction.Providers.Abstractions;
using Junction.Providers.Errors;

namespace Junction.Providers.Http;

/// <summary>
/// The one HTTP engine behind every adapter: sends a call under its attempt timeout, turns a failed status into a
/// classified <see cref="ProviderError"/>, a transport failure into its kind, and an open stream into a
/// <see cref="ProviderStream"/> once its first event arrived. The <see cref="IProviderDialect"/> supplies the wire.
/// </summary>
internal sealed class ProviderEngine
{
    private const int MaxResponseBytes = 32 * 1024 * 1024;
    private const int MaxErrorBodyBytes = 64 * 1024;

    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptEventStream = new("text/event-stream");

    private readonly HttpClient _http;
    private readonly TimeProvider _timeProvider;
    private readonly IProviderDialect _dialect;

    public ProviderEngine(HttpClient httpClient, TimeProvider? timeProvider, IProviderDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _http = httpClient;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _dialect = dialect;
    }

    /// <summary>The failure of a 2xx body the dialect could not read.</summary>
    public static ProviderError MalformedBody(int status) =>
        new(ErrorKind.ServerError, status, "The provider sent a malformed response body.");

    /// <summary>Copies the endpoint's extra headers, skipping <paramref name="keyHeader"/> when the key already set it.</summary>
    public static void AddEndpointHeaders(HttpRequestHeaders headers, ProviderEndpoint endpoint, string keyHeader)
    {
        foreach (var (name, value) in endpoint.Headers)
        {
            if (endpoint.HasKey && string.Equals(name, keyHeader, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            headers.TryAddWithoutValidation(name, value);
        }
    }

    public async Task<CompletionResult> CompleteAsync(ProviderCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var scope = new AttemptScope(call.AttemptTimeout, _timeProvider, cancellationToken);
        using var request = CreateRequest(call, stream: false);
        HttpResponseMessage? response = null;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, scope.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                return CompletionResult.Fail(await ClassifyAsync(response, call.Endpoint, scope.Token).ConfigureAwait(false));
            }

            using var body = new PooledBufferWriter(16 * 1024);
            var stream = await response.Content.ReadAsStreamAsync(scope.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                if (!await body.ReadFromAsync(stream, MaxResponseBytes, scope.Token).ConfigureAwait(false))
                {
                    return CompletionResult.Fail(new ProviderError(ErrorKind.ServerError, status, "The provider's response was too large."));
                }
            }

            return _dialect.ReadResponse(body.WrittenSpan, status, call);
        }
        catch (Exception exception) when (TransportFailure.IsTransport(exception))
        {
            cancellationToken.ThrowIfCancellationRequested();
            return CompletionResult.Fail(TransportFailure.Classify(exception));
        }
        finally
        {
            response?.Dispose();
        }
    }

    public async Task<StreamOpenResult> OpenStreamAsync(ProviderCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);

        // On success the stream owns the scope, the request and the response; on failure this method disposes them.
        var scope = new AttemptScope(call.AttemptTimeout, _timeProvider, cancellationToken);
        var request = CreateRequest(call, stream: true);
        HttpResponseMessage? response = null;
        ProviderStream? stream = null;
        var handedOver = false;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, scope.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new StreamOpenResult(null, await ClassifyAsync(response, call.Endpoint, scope.Token).ConfigureAwait(false));
            }

            var body = await response.Content.ReadAsStreamAsync(scope.Token).ConfigureAwait(false);
            stream = new ProviderStream(request, response, body, scope, _dialect.CreateStreamDecoder(call));

            // Nothing has reached the caller yet, so a failure before the first event can still fall over. Decoders
            // queue nothing for events without content (Anthropic's message_start and ping), so an error that comes
            // before any content still fails the open.
            var first = await stream.ReadFirstAsync().ConfigureAwait(false);
            if (first is { Kind: StreamEventKind.Error, Error: { } error })
            {
                return new StreamOpenResult(null, error);
            }

            handedOver = true;
            return new StreamOpenResult(stream, null);
        }
        catch (Exception exception) when (TransportFailure.IsTransport(exception))
        {
            cancellationToken.ThrowIfCancellationRequested();
            return new StreamOpenResult(null, TransportFailure.Classify(exception));
        }
        finally
        {
            if (!handedOver && stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            else if (!handedOver)
            {
                response?.Dispose();
                request.Dispose();
                scope.Dispose();
            }
        }
    }

    private HttpRequestMessage CreateRequest(ProviderCall call, bool stream)
    {
        var body = new PooledBufferWriter();
        try
        {
            _dialect.WriteBody(body, call, stream);
        }
        catch
        {
            body.Dispose();
            throw;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, _dialect.RequestUri(call, stream))
        {
            Content = new PooledContent(body),
        };

        request.Headers.Accept.Add(stream ? AcceptEventStream : AcceptJson);
        _dialect.AddHeaders(request.Headers, call.Endpoint);
        return request;
    }

    private async Task<ProviderError> ClassifyAsync(HttpResponseMessage response, ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var retryAfter = RetryAfter.From(response.Headers, _timeProvider.GetUtcNow());
        using var body = new PooledBufferWriter(4096);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                await body.ReadFromAsync(stream, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException)
        {
            // The status still classifies the failure when its body cannot be read.
        }

        var text = body.WrittenCount <= MaxErrorBodyBytes ? body.WrittenSpan : default;
        return _dialect.ClassifyError(status, text, retryAfter, endpoint.ApiKey);
    }
}
