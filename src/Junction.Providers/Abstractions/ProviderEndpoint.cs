using Junction.Providers.Presets;

namespace Junction.Providers.Abstractions;

/// <summary>
/// Where and how to reach one provider: base URL, credential and extra headers. The key is write-only:
/// it is never logged, traced or echoed, and <see cref="ToString"/> leaves it out.
/// </summary>
public sealed class ProviderEndpoint(string providerId, Uri baseUrl, string? apiKey, IReadOnlyDictionary<string, string>? headers = null)
{
    /// <summary>The provider id the catalog uses (<c>openai</c>, <c>groq</c>, ...).</summary>
    public string ProviderId { get; } = providerId;

    /// <summary>Base URL up to and including the version segment, e.g. <c>https://api.openai.com/v1</c>.</summary>
    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>The secret; adapters put it on the wire and nowhere else.</summary>
    internal string? ApiKey { get; } = apiKey;

    /// <summary>
    /// <c>Bearer {key}</c>, made once: a typed <c>AuthenticationHeaderValue</c> per request was an object and a string
    /// each time it went on the wire. As secret as <see cref="ApiKey"/>.
    /// </summary>
    internal string? BearerAuthorization => HasKey ? _bearer ??= "Bearer " + ApiKey : null;

    private string? _bearer;
    private ResolvedUri? _resolved;

    public bool HasKey => !string.IsNullOrEmpty(ApiKey);

    /// <summary>Extra request headers. An <c>Authorization</c> header here is ignored when the endpoint has a key.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; } = headers ?? new Dictionary<string, string>();

    /// <summary>
    /// Dialect quirks for this endpoint. <c>null</c> means: the preset's quirks when <see cref="ProviderId"/> names a
    /// known preset, else <see cref="ProviderQuirks.Default"/>.
    /// </summary>
    public ProviderQuirks? Quirks { get; init; }

    public override string ToString() => $"{ProviderId} at {BaseUrl}";

    /// <summary>
    /// <see cref="BaseUrl"/> with <paramref name="path"/> appended, kept for the next call: every request to an
    /// endpoint goes to the same URL, and a new <see cref="Uri"/> per request was parsed again, with its host and path
    /// strings, by <c>HttpClient</c>. A <see cref="Uri"/> is immutable, so one instance serves every request.
    /// </summary>
    internal Uri RequestUri(string path)
    {
        if (_resolved is { } resolved && string.Equals(resolved.Path, path, StringComparison.Ordinal))
        {
            return resolved.Uri;
        }

        var uri = Append(BaseUrl, path);
        _resolved = new ResolvedUri(path, uri);
        return uri;
    }

    /// <summary><paramref name="baseUrl"/> with <paramref name="path"/> appended after exactly one slash.</summary>
    internal static Uri Append(Uri baseUrl, string path)
    {
        var text = baseUrl.AbsoluteUri;
        return new Uri(text.EndsWith('/') ? text + path : text + "/" + path);
    }

    private sealed record ResolvedUri(string Path, Uri Uri);
}
