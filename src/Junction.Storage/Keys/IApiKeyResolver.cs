namespace Junction.Storage.Keys;

/// <summary>
/// Authenticates presented API keys on the request path, from a cache that every committed change to keys or
/// tenants invalidates before the change's call returns: a revoked key is refused from the next request on.
/// </summary>
public interface IApiKeyResolver
{
    /// <summary>Hashes the presented secret and finds its key and tenant; a cache hit does no I/O.</summary>
    ValueTask<ApiKeyResolution> ResolveAsync(string presentedSecret, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="ResolveAsync"/> for a caller that holds only the key's stored hash (<c>sha256:</c> + hex, as
    /// <see cref="ApiKeySecrets.Hash"/> makes it), such as a Control Center session; same cache, same invalidation.
    /// </summary>
    ValueTask<ApiKeyResolution> ResolveHashAsync(string keyHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// The caller acting for <paramref name="tenantId"/> (a platform key naming its end customer); null when the key
    /// may not act for that tenant (<see cref="ApiKey.MayActFor"/>) or the tenant does not exist.
    /// </summary>
    ValueTask<ResolvedApiKey?> ActForTenantAsync(ResolvedApiKey caller, string tenantId, CancellationToken cancellationToken = default);
}
