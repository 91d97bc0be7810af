namespace Junction.Server.Upstreams;

/// <summary>The default base URL and key variable of a provider id, where Junction knows one.</summary>
internal static class ProviderPresetLookup
{
    public static (string? BaseUrl, string? KeyVariable) Find(string providerId) => providerId switch
    {
        "openai" => ("https://api.openai.com/v1", "OPENAI_API_KEY"),
        "groq" => ("https://api.groq.com/openai/v1", "GROQ_API_KEY"),
        "deepseek" => ("https://api.deepseek.com/v1", "DEEPSEEK_API_KEY"),
        "mistral" => ("https://api.mistral.ai/v1", "MISTRAL_API_KEY"),
        _ => (null, null),
    };
}
