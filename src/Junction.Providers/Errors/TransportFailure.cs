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

    public static ProviderError Classify(Exception exception, bool attemptTimedOut) => exception switch
    {
        OperationCanceledException when attemptTimedOut => Timeout(),

        // Not the caller and not our attempt timer: HttpClient.Timeout, which surfaces as a TimeoutException inside.
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
