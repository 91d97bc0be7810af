using System.Security.Cryptography;
using System.Text;
using Junction.Storage.Database;
using Microsoft.Data.Sqlite;
using static Junction.Storage.Database.StoredValues;

namespace Junction.Storage.Credentials;

/// <summary>Provider credentials in the embedded SQLite database, encrypted by the injected protector.</summary>
internal sealed class SqliteCredentialStore(SqliteDatabase database, ISecretProtector protector, TimeProvider time)
    : ICredentialStore, ICredentialReader
{
    public async Task<StoreResult<ProviderCredentialInfo>> SetAsync(string tenantId, string providerId, string secret, CancellationToken cancellationToken = default)
    {
        if ((Validation.Slug("provider", providerId) ?? Validation.Required("secret", secret)) is { } problem)
        {
            return StoreResult<ProviderCredentialInfo>.Fail(StoreStatus.Invalid, problem);
        }

        var plaintext = Encoding.UTF8.GetBytes(secret);
        byte[] ciphertext;
        try
        {
            ciphertext = protector.Protect(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }

        var now = ToMillis(time.GetUtcNow());
        var last4 = Last4(secret);
        var fingerprint = Fingerprint(secret);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            INSERT INTO provider_credentials (tenant_id, provider_id, ciphertext, last4, fingerprint, created_at, updated_at)
            VALUES ($tenant, $provider, $ciphertext, $last4, $fingerprint, $now, $now)
            ON CONFLICT (tenant_id, provider_id) DO UPDATE SET
                ciphertext = excluded.ciphertext, last4 = excluded.last4, fingerprint = excluded.fingerprint, updated_at = excluded.updated_at
            RETURNING created_at, updated_at;
            """)
            .With("$tenant", tenantId).With("$provider", providerId).With("$ciphertext", ciphertext)
            .With("$last4", last4).With("$fingerprint", fingerprint).With("$now", now);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return StoreResult<ProviderCredentialInfo>.Ok(new ProviderCredentialInfo(
                tenantId, providerId, last4, fingerprint, FromMillis(reader.GetInt64(0)), FromMillis(reader.GetInt64(1))));
        }
        catch (SqliteException e) when (e.IsForeignKeyViolation())
        {
            return StoreResult<ProviderCredentialInfo>.Fail(StoreStatus.NotFound, $"No tenant '{tenantId}'.");
        }
    }

    public async Task<StoreStatus> DeleteAsync(string tenantId, string providerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("DELETE FROM provider_credentials WHERE tenant_id = $tenant AND provider_id = $provider;")
            .With("$tenant", tenantId).With("$provider", providerId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1 ? StoreStatus.Ok : StoreStatus.NotFound;
    }

    public async Task<IReadOnlyList<ProviderCredentialInfo>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            SELECT provider_id, last4, fingerprint, created_at, updated_at FROM provider_credentials
            WHERE tenant_id = $tenant ORDER BY provider_id;
            """).With("$tenant", tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<ProviderCredentialInfo>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new ProviderCredentialInfo(tenantId, reader.GetString(0), reader.GetString(1), reader.GetString(2),
                FromMillis(reader.GetInt64(3)), FromMillis(reader.GetInt64(4))));
        }

        return list;
    }

    public async Task<string?> ReadSecretAsync(string tenantId, string providerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT ciphertext FROM provider_credentials WHERE tenant_id = $tenant AND provider_id = $provider;")
            .With("$tenant", tenantId).With("$provider", providerId);
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not byte[] ciphertext)
        {
            return null;
        }

        var plaintext = protector.Unprotect(ciphertext);
        try
        {
            return Encoding.UTF8.GetString(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    internal static string Last4(string secret) => secret.Length >= 16 ? secret[^4..] : "****";

    internal static string Fingerprint(string secret)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), digest);
        return "sha256:" + Convert.ToHexStringLower(digest[..8]);
    }
}
