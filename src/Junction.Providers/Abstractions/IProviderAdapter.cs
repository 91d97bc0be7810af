namespace Junction.Providers.Abstractions;

/// <summary>
/// Speaks one provider dialect. Translates the canonical request out, the provider's answer back in, and
/// classifies every failure into an <see cref="Junction.Core.Fallback.ErrorKind"/>. Never throws for a provider
/// failure; exceptions mean a bug or cancellation by the caller.
/// </summary>
public interface IProviderAdapter
{
    /// <summary>The wire dialect: <c>openai</c>, <c>anthropic</c>, <c>gemini</c>.</summary>
    string Dialect { get; }

    Task<CompletionResult> CompleteAsync(ProviderCall call, CancellationToken cancellationToken);

    Task<StreamOpenResult> OpenStreamAsync(ProviderCall call, CancellationToken cancellationToken);
}
