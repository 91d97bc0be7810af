using Junction.Providers.Abstractions;
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

    private readonly ProviderEngine _engine;

    /// <summary>
    /// Uses <paramref name="httpClient"/> as configured by the host (handler, pooling, proxy). Its own
    /// <see cref="HttpClient.Timeout"/> is a backstop; the per-attempt limit is <see cref="ProviderCall.AttemptTimeout"/>.
    /// </summary>
    public AnthropicAdapter(HttpClient httpClient, TimeProvider? timeProvider = null) =>
        _engine = new ProviderEngine(httpClient, timeProvider, AnthropicDialect.Instance);

    public string Dialect => DialectName;

    public Task<CompletionResult> CompleteAsync(ProviderCall call, CancellationToken cancellationToken) =>
        _engine.CompleteAsync(call, cancellationToken);

    public Task<StreamOpenResult> OpenStreamAsync(ProviderCall call, CancellationToken cancellationToken) =>
        _engine.OpenStreamAsync(call, cancellationToken);
}
