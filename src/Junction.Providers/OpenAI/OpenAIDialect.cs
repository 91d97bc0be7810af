using System.Net.Http.Headers;
using Junction.Providers.Abstractions;
using Junction.Providers.Http;

namespace Junction.Providers.OpenAI;

/// <summary>The OpenAI Chat Completions wire: <c>POST {base}/chat/completions</c> with a bearer key.</summary>
internal sealed class OpenAIDialect : IProviderDialect
{
    public static readonly OpenAIDialect Instance = new();

    private OpenAIDialect()
    {
    }

    public Uri RequestUri(ProviderCall call, bool stream) => call.Endpoint.RequestUri("chat/completions");

    public void AddHeaders(HttpRequestHeaders headers, ProviderEndpoint endpoint)
    {
        if (endpoint.HasKey)
        {
            headers.TryAddWithoutValidation("Authorization", endpoint.BearerAuthorization);
        }

        ProviderEngine.AddEndpointHeaders(headers, endpoint, "Authorization");
    }

    public void WriteBody(PooledBufferWriter body, ProviderCall call, bool stream) =>
        OpenAIRequestWriter.Write(body, call.Request, call.Model.UpstreamModel, OpenAICompatibleAdapter.QuirksFor(call.Endpoint), stream);

    public CompletionResult ReadResponse(ReadOnlySpan<byte> body, int status, ProviderCall call) =>
        OpenAIResponseReader.TryRead(body, out var completion)
            ? CompletionResult.Ok(completion)
            : CompletionResult.Fail(ProviderEngine.MalformedBody(status));

    public ProviderError ClassifyError(int status, ReadOnlySpan<byte> body, TimeSpan? retryAfter, string? secret) =>
        OpenAIErrorClassifier.FromResponse(status, OpenAIErrorBody.Parse(body), retryAfter, secret);

    public IStreamDecoder CreateStreamDecoder(ProviderCall call) => new OpenAIStreamDecoder(call.Endpoint.ApiKey);
}
