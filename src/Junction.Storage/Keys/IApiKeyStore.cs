namespace Junction.Storage.Keys;

/// <summary>API keys. Secrets are returned once, by <see cref="CreateAsync"/>; everything else sees hashes and prefixes.</summary>
public interface IApiKeyStore
{
    /// <summary>Creates a key for an existing tenant; the result holds the secret, which is not kept.</summary>
    Task<StoreResult<CreatedApiKey>> CreateAsync(NewApiKey key, CancellationToken cancellationToken = default);

    /// <summary>The key if it exists and belongs to <paramref name="tenantId"/>.</summary>
    Task<ApiKey?> GetAsync(string tenantId, string keyId, CancellationToken cancellationToken = default);

    /// <summary>The tenant's keys, revoked ones included, newest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>The key whose stored hash (<see cref="ApiKeySecrets.Hash"/>) is <paramref name="keyHash"/>, active or not.</summary>
    Task<ApiKey?> FindByHashAsync(string keyHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes a key's name, role, policy, budgets, limits, allowed tenants and expiry if its stored version still
    /// equals <see cref="ApiKey.Version"/>. Id, tenant, prefix and revocation are not changed here.
    /// </summary>
    Task<StoreResult<ApiKey>> UpdateAsync(ApiKey key, CancellationToken cancellationToken = default);

    /// <summary>Revokes a key at once: from the moment this returns, resolvers refuse it. Revoking twice keeps the first time.</summary>
    Task<StoreResult<ApiKey>> RevokeAsync(string tenantId, string keyId, CancellationToken cancellationToken = default);
}
