namespace Junction.Providers.Presets;

/// <summary>
/// How one OpenAI-compatible provider departs from OpenAI's own Chat Completions API. The request mapper reads these;
/// everything not listed here is sent the OpenAI way.
/// </summary>
public sealed record ProviderQuirks
{
    /// <summary>What an unknown OpenAI-compatible server gets: the widely supported subset.</summary>
    public static ProviderQuirks Default { get; } = new();

    /// <summary>
    /// Send the output cap as <c>max_completion_tokens</c> (OpenAI's current name; its reasoning models reject
    /// <c>max_tokens</c>) instead of the older <c>max_tokens</c>.
    /// </summary>
    public bool UsesMaxCompletionTokens { get; init; }

    /// <summary>
    /// Accepts <c>stream_options: {"include_usage": true}</c>. When false the provider must report usage in its
    /// stream on its own (Mistral does), because a strict provider rejects the unknown field.
    /// </summary>
    public bool SupportsStreamOptions { get; init; } = true;

    /// <summary>Accepts the end-user id in <c>user</c>; when false the field is left out.</summary>
    public bool SupportsUser { get; init; } = true;

    /// <summary>Accepts the <c>developer</c> role; when false developer turns are sent as <c>system</c>.</summary>
    public bool SupportsDeveloperRole { get; init; }

    /// <summary>The name of the sampling seed field: <c>seed</c>, or Mistral's <c>random_seed</c>.</summary>
    public string SeedField { get; init; } = "seed";
}
