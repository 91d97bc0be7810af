using Junction.Core.Catalog;
using Junction.Core.Requests;
using Junction.Providers.Abstractions;
using Junction.Providers.Anthropic;
using Junction.Providers.Gemini;
using Junction.Providers.Http;
using Junction.Providers.OpenAI;

namespace Junction.Benchmarks.Providers;

/// <summary>The upstream wire dialect a benchmark translates to or from.</summary>
public enum ProviderDialect
{
    /// <summary>OpenAI chat completions (and every OpenAI-compatible preset).</summary>
    OpenAI,

    /// <summary>Anthropic Messages.</summary>
    Anthropic,

    /// <summary>Gemini <c>generateContent</c>.</summary>
    Gemini,
}

/// <summary>Each dialect's production <see cref="IProviderDialect"/>, with a shipped catalog model and an endpoint to call.</summary>
internal static class ProviderDialects
{
    private static readonly CatalogSnapshot Catalog = CatalogLoader.LoadDefault();

    public static IProviderDialect For(ProviderDialect dialect) => dialect switch
    {
        ProviderDialect.OpenAI => OpenAIDialect.Instance,
        ProviderDialect.Anthropic => AnthropicDialect.Instance,
        _ => GeminiDialect.Instance,
    };

    /// <summary>One attempt of <paramref name="request"/> at a shipped model of <paramref name="dialect"/>.</summary>
    public static ProviderCall Call(ProviderDialect dialect, ChatRequest request)
    {
        var (modelId, baseUrl) = dialect switch
        {
            ProviderDialect.OpenAI => ("gpt-4.1-mini", "https://api.openai.com/v1"),
            ProviderDialect.Anthropic => ("claude-sonnet-4-5", "https://api.anthropic.com/v1"),
            _ => ("gemini-2.5-flash", "https://generativelanguage.googleapis.com/v1beta"),
        };
        var model = Catalog.Models.Single(m => m.Id == modelId);
        return new ProviderCall(request, model, new ProviderEndpoint(model.Provider, new Uri(baseUrl), "sk-benchmark-not-a-key"));
    }
}
