using System.Net.Http.Headers;
using System.Text;
using Junction.Providers.Abstractions;
using Junction.Providers.Http;

namespace Junction.Providers.Gemini;

/// <summary>The Gemini wire: <c>POST {base}/models/{model}:generateContent</c> with <c>x-goog-api-key</c>.</summary>
internal sealed class GeminiDialect : IProviderDialect
{
    public static readonly GeminiDialect Instance = new();

    private const string ApiKeyHeader = "x-goog-api-key";

    private GeminiDialect()
    {
    }

    public Uri RequestUri(ProviderCall call, bool stream) => MethodUri(call.Endpoint.BaseUrl, call.Model.UpstreamModel, stream);

    public void AddHeaders(HttpRequestHeaders headers, ProviderEndpoint endpoint)
    {
        if (endpoint.HasKey)
        {
            headers.TryAddWithoutValidation(ApiKeyHeader, endpoint.ApiKey);
        }

        ProviderEngine.AddEndpointHeaders(headers, endpoint, ApiKeyHeader);
    }

    public void WriteBody(PooledBufferWriter body, ProviderCall call, bool stream) =>
        GeminiRequestWriter.Write(body, call.Request);

    public CompletionResult ReadResponse(ReadOnlySpan<byte> body, int status, ProviderCall call)
    {
        if (GeminiResponseReader.TryRead(body, call.Model.UpstreamModel, out var completion))
        {
            return CompletionResult.Ok(completion);
        }

        // A 200 can still carry a Google error object; anything else unreadable is the provider's fault.
        var error = GeminiErrorBody.Parse(body);
        return CompletionResult.Fail(error.Message is not null || error.Status is not null
            ? GeminiErrorClassifier.FromStreamError(error, call.Endpoint.ApiKey) with { Status = status }
            : ProviderEngine.MalformedBody(status));
    }

    public ProviderError ClassifyError(int status, ReadOnlySpan<byte> body, TimeSpan? retryAfter, string? secret) =>
        GeminiErrorClassifier.FromResponse(status, GeminiErrorBody.Parse(body), retryAfter, secret);

    public IStreamDecoder CreateStreamDecoder(ProviderCall call) => new GeminiStreamDecoder(call.Endpoint.ApiKey);

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
}
