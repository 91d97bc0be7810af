using System.Net.Http.Headers;
using Junction.Providers.Abstractions;
using Junction.Providers.Http;

namespace Junction.Providers.Anthropic;

/// <summary>The Anthropic Messages wire: <c>POST {base}/messages</c> with <c>x-api-key</c> and a pinned version.</summary>
internal sealed class AnthropicDialect : IProviderDialect
{
    public static readonly AnthropicDialect Instance = new();

    private const string ApiKeyHeader = "x-api-key";
    private const string VersionHeader = "anthropic-version";

    private AnthropicDialect()
    {
    }

    public Uri RequestUri(ProviderCall call, bool stream) => call.Endpoint.RequestUri("messages");

    public void AddHeaders(HttpRequestHeaders headers, ProviderEndpoint endpoint)
    {
        if (endpoint.HasKey)
        {
            headers.TryAddWithoutValidation(ApiKeyHeader, endpoint.ApiKey);
        }

        // Extra headers carry anthropic-beta flags, or a newer version pinned per endpoint.
        ProviderEngine.AddEndpointHeaders(headers, endpoint, ApiKeyHeader);
        if (!headers.Contains(VersionHeader))
        {
            headers.TryAddWithoutValidation(VersionHeader, AnthropicAdapter.ApiVersion);
        }
    }

    public void WriteBody(PooledBufferWriter body, ProviderCall call, bool stream) =>
        AnthropicRequestWriter.Write(body, call.Request, call.Model, stream);

    public CompletionResult ReadResponse(ReadOnlySpan<byte> body, int status, ProviderCall call) =>
        AnthropicResponseReader.Read(body, status, call.Endpoint.ApiKey);

    public ProviderError ClassifyError(int status, ReadOnlySpan<byte> body, TimeSpan? retryAfter, string? secret) =>
        AnthropicErrorClassifier.FromResponse(status, AnthropicErrorBody.Parse(body), retryAfter, secret);

    // message_start and ping queue nothing: the first event is the first text, tool call or error.
    public IStreamDecoder CreateStreamDecoder(ProviderCall call) => new AnthropicStreamDecoder(call.Endpoint.ApiKey);
}
