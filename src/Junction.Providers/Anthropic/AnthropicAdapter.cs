using System.Net.Http.Headers;
using Junction.Core.Fallback;
using Junction.Providers.Abstractions;
using Junction.Providers.Errors;
using Junction.Providers.Http;

namespace Junction.Providers.Anthropic;

/// <summary>
/// The <c>anthropic</c> dialect: Anthropic's Messages API (<c>POST {base}/messages</c>), non-streamed and streamed, and
/// any server that copies it.
/// </summary>
public sealed class AnthropicAdapter : IProviderAdapter
{
    /// <summary>The dialect name this adapter registers under.</summary>
    public const string DialectName = "anthropic";

    /// <summary>The API version every request pins; an endpoint header of the same name overrides it.</summary>
    public const string ApiVersion = "2023-06-01";

    private const string ApiKeyHeader = "x-api-key";
    private const string VersionHeader = "anthropic-version";
    private const int MaxResponseBytes = 32 * 1024 * 1024;
    private const int MaxErrorBodyBytes = 64 * 1024;

    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptEventStream = new("text/event-stream");

    private readonly HttpClient _http;
    private readonly TimeProvider _timeProvider;

    /// <summary>
    /// Uses <paramref name="httpClient"/> as configured by the host (handler, pooling, proxy). Its own
    /// <see cref="HttpClient.Timeout"/> is a backstop; the per-attempt limit is <see cref="ProviderCall.AttemptTimeout"/>.
    /// </summary>
    public AnthropicAdapter(HttpClient httpClient, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _http = httpClient;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public string Dialect => DialectName;

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

            return AnthropicResponseReader.Read(body.WrittenSpan, status, call.Endpoint.ApiKey);
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
        AnthropicStream? stream = null;
        var handedOver = false;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, scope.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new StreamOpenResult(null, await ClassifyAsync(response, call.Endpoint, scope.Token).ConfigureAwait(false));
            }

            var body = await response.Content.ReadAsStreamAsync(scope.Token).ConfigureAwait(false);
            stream = new AnthropicStream(request, response, body, scope, call.Endpoint.ApiKey);

            // message_start and ping carry no content: the first event is the first text, tool call or error, so an
            // overloaded_error before any content still fails the open and the call can fall over.
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

    private static HttpRequestMessage CreateRequest(ProviderCall call, bool stream)
    {
        var endpoint = call.Endpoint;
        var body = new PooledBufferWriter();
        try
        {
            AnthropicRequestWriter.Write(body, call.Request, call.Model, stream);
        }
        catch
        {
            body.Dispose();
            throw;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, MessagesUri(endpoint.BaseUrl))
        {
            Content = new PooledContent(body),
        };

        request.Headers.Accept.Add(stream ? AcceptEventStream : AcceptJson);
        if (endpoint.HasKey)
        {
            request.Headers.TryAddWithoutValidation(ApiKeyHeader, endpoint.ApiKey);
        }

        var versioned = false;
        foreach (var (name, value) in endpoint.Headers)
        {
            if (endpoint.HasKey && string.Equals(name, ApiKeyHeader, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // Extra headers carry anthropic-beta flags, or a newer version pinned per endpoint.
            versioned |= string.Equals(name, VersionHeader, StringComparison.OrdinalIgnoreCase);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (!versioned)
        {
            request.Headers.TryAddWithoutValidation(VersionHeader, ApiVersion);
        }

        return request;
    }

    private static Uri MessagesUri(Uri baseUrl)
    {
        var text = baseUrl.AbsoluteUri;
        return new Uri(text.EndsWith('/') ? text + "messages" : text + "/messages");
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

        var parsed = body.WrittenCount <= MaxErrorBodyBytes ? AnthropicErrorBody.Parse(body.WrittenSpan) : default;
        return AnthropicErrorClassifier.FromResponse(status, parsed, retryAfter, endpoint.ApiKey);
    }
}
