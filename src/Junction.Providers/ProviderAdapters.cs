using System.Diagnostics.CodeAnalysis;
using Junction.Providers.Abstractions;
using Junction.Providers.Gemini;
using Junction.Providers.OpenAI;

namespace Junction.Providers;

/// <summary>The adapters the gateway can call, by dialect. Immutable once built; safe to share.</summary>
public sealed class ProviderAdapters
{
    private readonly Dictionary<string, IProviderAdapter> _byDialect;

    /// <summary>Registers each adapter under its <see cref="IProviderAdapter.Dialect"/>; two adapters for one dialect is a configuration error.</summary>
    public ProviderAdapters(IEnumerable<IProviderAdapter> adapters)
    {
        ArgumentNullException.ThrowIfNull(adapters);
        _byDialect = new Dictionary<string, IProviderAdapter>(StringComparer.Ordinal);
        foreach (var adapter in adapters)
        {
            if (!_byDialect.TryAdd(adapter.Dialect, adapter))
            {
                throw new ArgumentException($"Two adapters claim the dialect '{adapter.Dialect}'.", nameof(adapters));
            }
        }
    }

    /// <summary>Every adapter Junction ships, over one shared <paramref name="httpClient"/>.</summary>
    public static ProviderAdapters CreateDefault(HttpClient httpClient, TimeProvider? timeProvider = null) =>
        new([new OpenAICompatibleAdapter(httpClient, timeProvider), new GeminiAdapter(httpClient, timeProvider)]);

    /// <summary>The dialects registered, e.g. <c>openai</c>.</summary>
    public IReadOnlyCollection<string> Dialects => _byDialect.Keys;

    public bool TryGet(string dialect, [NotNullWhen(true)] out IProviderAdapter? adapter) =>
        _byDialect.TryGetValue(dialect, out adapter);
}
