using System.Net.Http;
using Junction.Core.Fallback;
using Junction.Providers.Abstractions;

namespace Junction.Providers.Errors;

/// <summary>
/// Classifies failures below HTTP: no connection, a connection dropped mid-response, a timeout. The messages are ours,
/// never the exception's, so no host detail or credential can leak through them.
/// </summary>
internal static class TransportFailure
{
    /// <summary>Whether an exception is a transport failure this class can classify (and not a bug).</summary>
    public static bool IsTransport(Exception exception) =>
        exception is HttpRequestException or IOException or OperationCanceledException;

    /// <summary>
    /// Classifies a failure the caller did not cause (check the caller's token first). A cancellation that is not the
    /// caller's is a timeout: the attempt timer, or HttpClient.Timeout (a TimeoutException inside).
    /// </summary>
    public static ProviderError Classify(Exception exception) => exception switch
    {
        OperationCanceledException => Timeout(),
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } =>
            new ProviderError(ErrorKind.Connect, null, "Could not connect to the provider."),
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } =>
            new ProviderError(ErrorKind.Connect, null, "The TLS handshake with the provider failed."),
        HttpRequestException { HttpRequestError: HttpRequestError.ProxyTunnelError } =>
            new ProviderError(ErrorKind.Connect, null, "Could not reach the provider through the proxy."),
        HttpRequestException or IOException => Dropped(),
        _ => new ProviderError(ErrorKind.Connect, null, "The request to the provider failed."),
    };

    public static ProviderError Timeout() =>
        new(ErrorKind.Timeout, null, "The provider did not answer within the attempt timeout.");

    public static ProviderError Dropped() =>
        new(ErrorKind.Connect, null, "The connection to the provider was lost mid-response.");
}
