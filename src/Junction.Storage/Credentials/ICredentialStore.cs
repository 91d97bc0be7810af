namespace Junction.Storage.Credentials;

/// <summary>
/// Provider credentials (API keys for OpenAI, Anthropic, ...) per tenant, write-only for administration:
/// nothing here returns a secret. The gateway reads them through <see cref="ICredentialReader"/>.
/// </summary>
public interface ICredentialStore
{
    /// <summary>Stores or replaces the tenant's credential for a provider, encrypted at rest.</summary>
    Task<StoreResult<ProviderCredentialInfo>> SetAsync(string tenantId, string providerId, string secret, CancellationToken cancellationToken = default);

    Task<StoreStatus> DeleteAsync(string tenantId, string providerId, CancellationToken cancellationToken = default);

    /// <summary>The tenant's credentials, ordered by provider id, without secrets.</summary>
    Task<IReadOnlyList<ProviderCredentialInfo>> ListAsync(string tenantId, CancellationToken cancellationToken = default);
}

/// <summary>The gateway's read of a provider secret. Keep it out of anything that renders a response.</summary>
public interface ICredentialReader
{
    /// <summary>The decrypted secret, or null when the tenant has none for that provider.</summary>
    Task<string?> ReadSecretAsync(string tenantId, string providerId, CancellationToken cancellationToken = default);
}
