namespace Junction.Storage.Credentials;

/// <summary>
/// What may be shown of a stored provider credential: which provider, the last four characters (for secrets of
/// 16 characters or more; <c>****</c> otherwise) and a fingerprint, <c>sha256:</c> + the first 16 hex digits of
/// the SHA-256 of the secret, so two admins can tell whether they hold the same key. Never the secret.
/// </summary>
public sealed record ProviderCredentialInfo(
    string TenantId,
    string ProviderId,
    string Last4,
    string Fingerprint,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
