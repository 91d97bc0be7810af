using System.Net.Http.Headers;
using Junction.Providers.Abstractions;

namespace Junction.Providers.Http;

/// <summary>
/// What one wire dialect supplies to <see cref="ProviderEngine"/>: where a call goes, what it carries, and how the
/// answer, a failed answer and a stream read back. Everything else (timeouts, transport failures, the stream's
/// lifetime) is the engine's.
/// </summary>
internal interface IProviderDialect
{
    Uri RequestUri(ProviderCall call, bool stream);

    /// <summary>Adds the key and the endpoint's extra headers; the engine has set <c>Accept</c> already.</summary>
    void AddHeaders(HttpRequestHeaders headers, ProviderEndpoint endpoint);

    void WriteBody(PooledBufferWriter body, ProviderCall call, bool stream);

    /// <summary>Reads a successful (2xx) non-streamed body.</summary>
    CompletionResult ReadResponse(ReadOnlySpan<byte> body, int status, ProviderCall call);

    /// <summary>Classifies a failed status; <paramref name="body"/> is empty when it could not be read whole.</summary>
    ProviderError ClassifyError(int status, ReadOnlySpan<byte> body, TimeSpan? retryAfter, string? secret);

    IStreamDecoder CreateStreamDecoder(ProviderCall call);
}
