using Junction.Providers.Abstractions;
using Junction.Providers.Http;

namespace Junction.Providers.Gemini;

/// <summary>
/// The <c>gemini</c> dialect: Google's Gemini API (<c>generateContent</c> and <c>streamGenerateContent?alt=sse</c>).
/// The key travels in the <c>x-goog-api-key</c> header, never in the URL, where it would leak into logs and error text.
/// </summary>
public sealed class GeminiAdapter : IProviderAdapter
{
    /// <summary>The dialect name this adapter registers under.</summary>
    public const string DialectName = "gemini";

    private readonly ProviderEngine _engine;

    /// <summary>
    /// Uses <paramref name="httpClient"/> as configured by the host (handler, pooling, proxy). Its own
    /// <see cref="HttpClient.Timeout"/> is a backstop; the per-attempt limit is <see cref="ProviderCall.AttemptTimeout"/>.
    /// </summary>
    public GeminiAdapter(HttpClient httpClient, TimeProvider? timeProvider = null) =>
        _engine = new ProviderEngine(httpClient, timeProvider, GeminiDialect.Instance);

    public string Dialect => DialectName;

    public Task<CompletionResult> CompleteAsync(ProviderCall call, CancellationToken cancellationToken) =>
        _engine.CompleteAsync(call, cancellationToken);

    public Task<StreamOpenResult> OpenStreamAsync(ProviderCall call, CancellationToken cancellationToken) =>
        _engine.OpenStreamAsync(call, cancellationToken);
}
