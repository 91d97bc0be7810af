using System.Net.Http.Headers;
using System.Text;
using Junction.Core.Fallback;
using Junction.Providers.Abstractions;
using Junction.Providers.Errors;
using Junction.Providers.Http;
using Junction.Providers.OpenAI;

namespace Junction.Providers.Gemini;

/// <summary>
/// The <c>gemini</c> dialect: Google's Gemini API (<c>generateContent</c> and <c>streamGenerateContent?alt=sse</c>).
/// The key travels in the <c>x-goog-api-key</c> header, never in the URL, where it would leak into logs and error text.
/// </summary>
public sealed class GeminiAdapter : IProviderAdapter
{
    /// <summary>The dialect name this adapter registers under.</summary>
    public const string DialectName = "gemini";

    private const string ApiKeyHeader = "x-goog-api-key";
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
    public GeminiAdapter(HttpClient httpClient, TimeProvider? timeProvider = null)
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
                    return CompletionResult.Fail(new ProviderError(ErrorKind.ServerError, (int)response.StatusCode, "The provider's response was too large."));
                }
            }

            if (GeminiResponseReader.TryRead(body.WrittenSpan, call.Model.UpstreamModel, out var completion))
            {
                return CompletionResult.Ok(completion);
            }

            // A 200 can still carry a Google error object; anything else unreadable is the provider's fault.
            var error = GeminiErrorBody.Parse(body.WrittenSpan);
            return CompletionResult.Fail(error.Message is not null || error.Status is not null
                ? GeminiErrorClassifier.FromStreamError(error, call.Endpoint.ApiKey) with { Status = (int)response.StatusCode }
                : new ProviderError(ErrorKind.ServerError, (int)response.StatusCode, "The provider sent a malformed response body."));
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
        GeminiStream? stream = null;
        var handedOver = false;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, scope.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new StreamOpenResult(null, await ClassifyAsync(response, call.Endpoint, scope.Token).ConfigureAwait(false));
            }

            var body = await response.Content.ReadAsStreamAsync(scope.Token).ConfigureAwait(false);
            stream = new GeminiStream(request, response, body, scope, call.Endpoint.ApiKey);

            // Nothing has reached the caller yet, so a failure before the first event can still fall over.
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
            GeminiRequestWriter.Write(body, call.Request);
        }
        catch
        {
            body.Dispose();
            throw;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, MethodUri(endpoint.BaseUrl, call.Model.UpstreamModel, stream))
        {
            Content = new PooledContent(body),
        };

        request.Headers.Accept.Add(stream ? AcceptEventStream : AcceptJson);
        if (endpoint.HasKey)
        {
            request.Headers.TryAddWithoutValidation(ApiKeyHeader, endpoint.ApiKey);
        }

        foreach (var (name, value) in endpoint.Headers)
        {
            if (endpoint.HasKey && string.Equals(name, ApiKeyHeader, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>
    /// <c>{base}/models/{model}:generateContent</c>, or <c>:streamGenerateContent?alt=sse</c>. A model given as a resource
    /// name (<c>models/...</c>, <c>tunedModels/...</c>) is used as it stands; <c>alt=sse</c> is the only query ever sent.
    /// </summary>
    internal static Uri MethodUri(Uri baseUrl, string upstreamModel, bool stream)
    {
        var text = baseUrl.AbsoluteUri;
        var builder = new StringBuilder(text.Length + upstreamModel.Length + 48);
        builder.Append(text.TrimEnd('/'));
        if (!upstreamModel.Contains('/', StringComparison.Ordinal))
        {
            builder.Append("/models");
        }

        foreach (var segment in upstreamModel.Split('/'))
        {
            builder.Append('/').Append(Uri.EscapeDataString(segment));
        }

        builder.Append(stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
        return new Uri(builder.ToString());
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

        var parsed = body.WrittenCount <= MaxErrorBodyBytes ? GeminiErrorBody.Parse(body.WrittenSpan) : default;
        return GeminiErrorClassifier.FromResponse(status, parsed, retryAfter, endpoint.ApiKey);
    }
}
