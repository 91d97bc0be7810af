using System.Diagnostics.CodeAnalysis;

namespace Junction.Providers.Presets;

/// <summary>The OpenAI-compatible providers Junction knows out of the box. Any other compatible base URL works with default quirks.</summary>
public static class ProviderPresets
{
    /// <summary>OpenAI. Its reasoning models (o-series, gpt-5) reject <c>max_tokens</c>, so the cap goes out as <c>max_completion_tokens</c>.</summary>
    public static ProviderPreset OpenAI { get; } = new(
        "openai",
        "openai",
        new Uri("https://api.openai.com/v1"),
        "OPENAI_API_KEY",
        new ProviderQuirks { UsesMaxCompletionTokens = true, SupportsDeveloperRole = true });

    /// <summary>Groq. Takes <c>max_completion_tokens</c> (its <c>max_tokens</c> is deprecated) and <c>stream_options</c>; no developer role.</summary>
    public static ProviderPreset Groq { get; } = new(
        "groq",
        "openai",
        new Uri("https://api.groq.com/openai/v1"),
        "GROQ_API_KEY",
        new ProviderQuirks { UsesMaxCompletionTokens = true });

    /// <summary>DeepSeek. The documented base URL is the host; <c>/v1</c> is accepted for OpenAI compatibility and keeps paths uniform.</summary>
    public static ProviderPreset DeepSeek { get; } = new(
        "deepseek",
        "openai",
        new Uri("https://api.deepseek.com/v1"),
        "DEEPSEEK_API_KEY",
        new ProviderQuirks());

    /// <summary>
    /// Mistral. Rejects unknown fields with 422, so no <c>stream_options</c> (it sends usage in the last chunk anyway),
    /// no <c>user</c>, <c>max_tokens</c> only, and the seed is <c>random_seed</c>.
    /// </summary>
    public static ProviderPreset Mistral { get; } = new(
        "mistral",
        "openai",
        new Uri("https://api.mistral.ai/v1"),
        "MISTRAL_API_KEY",
        new ProviderQuirks { SupportsStreamOptions = false, SupportsUser = false, SeedField = "random_seed" });

    /// <summary>Google's Gemini API (dialect <c>gemini</c>); its SDKs also read the key from <c>GOOGLE_API_KEY</c>.</summary>
    public static ProviderPreset Google { get; } = new("google", "gemini", new Uri("https://generativelanguage.googleapis.com/v1beta"), "GEMINI_API_KEY", ProviderQuirks.Default) { AlternateApiKeyVariables = ["GOOGLE_API_KEY"] };

    /// <summary>Every preset, in a stable order.</summary>
    public static IReadOnlyList<ProviderPreset> All { get; } = [OpenAI, Groq, DeepSeek, Mistral, Google];

    private static readonly Dictionary<string, ProviderPreset> ById = All.ToDictionary(p => p.Id, StringComparer.Ordinal);

    /// <summary>Looks a preset up by provider id (case-sensitive, as the catalog spells it).</summary>
    public static bool TryGet(string providerId, [NotNullWhen(true)] out ProviderPreset? preset) =>
        ById.TryGetValue(providerId, out preset);
}
