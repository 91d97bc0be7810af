using Junction.Providers.Abstractions;
using Junction.Providers.Http;
using Junction.Providers.Presets;

namespace Junction.Providers.OpenAI;

/// <summary>
/// The <c>openai</c> dialect: OpenAI's Chat Completions API and every server that copies it (Groq, DeepSeek, Mistral,
/// vLLM, the Junction simulator). Per-provider differences come from <see cref="ProviderQuirks"/>.
/// </summary>
public sealed class OpenAICompatibleAdapter : IProviderAdapter
{
    /// <summary>The dialect name this adapter registers under.</summary>
    public const string DialectName = "openai";

    private readonly ProviderEngine _engine;

    /// <summary>
    /// Uses <paramref name="httpClient"/> as configured by the host (handler, pooling, proxy). Its own
    /// <see cref="HttpClient.Timeout"/> is a backstop; the per-attempt limit is <see cref="ProviderCall.AttemptTimeout"/>.
    /// </summary>
    public OpenAICompatibleAdapter(HttpClient httpClient, TimeProvider? timeProvider = null) =>
        _engine = new ProviderEngine(httpClient, timeProvider, OpenAIDialect.Instance);

    public string Dialect => DialectName;

    public Task<CompletionResult> CompleteAsync(ProviderCall call, CancellationToken cancellationToken) =>
        _engine.CompleteAsync(call, cancellationToken);

    public Task<StreamOpenResult> OpenStreamAsync(ProviderCall call, CancellationToken cancellationToken) =>
        _engine.OpenStreamAsync(call, cancellationToken);

    /// <summary>The quirks for an endpoint: its own, else its preset's, else the defaults.</summary>
    internal static ProviderQuirks QuirksFor(ProviderEndpoint endpoint) =>
        endpoint.Quirks
        ?? (ProviderPresets.TryGet(endpoint.ProviderId, out var preset) ? preset.Quirks : ProviderQuirks.Default);
}
