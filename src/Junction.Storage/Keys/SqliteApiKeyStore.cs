using System.Data.Common;
using Junction.Storage.Database;
using Microsoft.Data.Sqlite;
using static Junction.Storage.Database.StoredValues;

namespace Junction.Storage.Keys;

/// <summary>API keys in the embedded SQLite database.</summary>
internal sealed class SqliteApiKeyStore(SqliteDatabase database, ChangeGeneration changes, TimeProvider time) : IApiKeyStore
{
    private const string Columns = """
        id, tenant_id, name, prefix, role, policy_json, daily_budget_nusd, monthly_budget_nusd,
        requests_per_minute, tokens_per_minute, allowed_tenants, expires_at, revoked_at, created_at, updated_at, version
        """;

    public async Task<StoreResult<CreatedApiKey>> CreateAsync(NewApiKey key, CancellationToken cancellationToken = default)
    {
        if (Validate(key.Name, key.Role, key.DailyBudgetUsd, key.MonthlyBudgetUsd, key.RequestsPerMinute, key.TokensPerMinute, key.AllowedTenants) is { } problem)
        {
            return StoreResult<CreatedApiKey>.Fail(StoreStatus.Invalid, problem);
        }

        var secret = ApiKeySecrets.NewSecret();
        var now = FromMillis(ToMillis(time.GetUtcNow()));
        var stored = new ApiKey
        {
            Id = ApiKeySecrets.NewKeyId(),
            TenantId = key.TenantId,
            Name = key.Name,
            Prefix = ApiKeySecrets.VisiblePrefix(secret),
            Role = key.Role,
            PolicyJson = key.PolicyJson,
            DailyBudgetUsd = key.DailyBudgetUsd,
            MonthlyBudgetUsd = key.MonthlyBudgetUsd,
            RequestsPerMinute = key.RequestsPerMinute,
            TokensPerMinute = key.TokensPerMinute,
            AllowedTenants = [.. key.AllowedTenants],
            ExpiresAt = key.ExpiresAt is { } expires ? FromMillis(ToMillis(expires)) : null,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"""
            INSERT INTO api_keys ({Columns}, key_hash) VALUES ($id, $tenant_id, $name, $prefix, $role, $policy_json, $daily, $monthly,
                $rpm, $tpm, $allowed_tenants, $expires_at, NULL, $created_at, $updated_at, $version, $key_hash);
            """);
        Bind(command, stored).With("$key_hash", ApiKeySecrets.Hash(secret));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.IsForeignKeyViolation())
        {
            return StoreResult<CreatedApiKey>.Fail(StoreStatus.NotFound, $"No tenant '{key.TenantId}'.");
        }

        changes.Advance();
        return StoreResult<CreatedApiKey>.Ok(new CreatedApiKey(stored, secret));
    }

    public async Task<ApiKey?> GetAsync(string tenantId, string keyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"SELECT {Columns} FROM api_keys WHERE id = $id AND tenant_id = $tenant;")
            .With("$id", keyId).With("$tenant", tenantId);
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"SELECT {Columns} FROM api_keys WHERE tenant_id = $tenant ORDER BY created_at DESC, id;")
            .With("$tenant", tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    public async Task<ApiKey?> FindByHashAsync(string keyHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"SELECT {Columns} FROM api_keys WHERE key_hash = $hash;").With("$hash", keyHash);
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoreResult<ApiKey>> UpdateAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        if (Validate(key.Name, key.Role, key.DailyBudgetUsd, key.MonthlyBudgetUsd, key.RequestsPerMinute, key.TokensPerMinute, key.AllowedTenants) is { } problem)
        {
            return StoreResult<ApiKey>.Fail(StoreStatus.Invalid, problem);
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.Command($"SELECT {Columns} FROM api_keys WHERE id = $id AND tenant_id = $tenant;", transaction)
            .With("$id", key.Id).With("$tenant", key.TenantId);
        if (await ReadOneAsync(select, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return StoreResult<ApiKey>.Fail(StoreStatus.NotFound, $"No key '{key.Id}' in tenant '{key.TenantId}'.");
        }

        if (current.Version != key.Version)
        {
            return StoreResult<ApiKey>.Fail(StoreStatus.VersionConflict, $"Key '{key.Id}' is at version {current.Version}, not {key.Version}.");
        }

        var stored = current with
        {
            Name = key.Name,
            Role = key.Role,
            PolicyJson = key.PolicyJson,
            DailyBudgetUsd = key.DailyBudgetUsd,
            MonthlyBudgetUsd = key.MonthlyBudgetUsd,
            RequestsPerMinute = key.RequestsPerMinute,
            TokensPerMinute = key.TokensPerMinute,
            AllowedTenants = [.. key.AllowedTenants],
            ExpiresAt = key.ExpiresAt is { } expires ? FromMillis(ToMillis(expires)) : null,
            UpdatedAt = FromMillis(ToMillis(time.GetUtcNow())),
            Version = current.Version + 1,
        };
        await using var update = connection.Command("""
            UPDATE api_keys SET name = $name, role = $role, policy_json = $policy_json, daily_budget_nusd = $daily,
                monthly_budget_nusd = $monthly, requests_per_minute = $rpm, tokens_per_minute = $tpm,
                allowed_tenants = $allowed_tenants, expires_at = $expires_at, updated_at = $updated_at, version = $version
            WHERE id = $id;
            """, transaction);
        Bind(update, stored);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        changes.Advance();
        return StoreResult<ApiKey>.Ok(stored);
    }

    public async Task<StoreResult<ApiKey>> RevokeAsync(string tenantId, string keyId, CancellationToken cancellationToken = default)
    {
        var now = ToMillis(time.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"""
            UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $now), updated_at = $now, version = version + 1
            WHERE id = $id AND tenant_id = $tenant
            RETURNING {Columns};
            """).With("$id", keyId).With("$tenant", tenantId).With("$now", now);
        var revoked = await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);

        // Advance after the commit: a resolver that loaded the key before this point sees a newer generation and reloads.
        changes.Advance();
        return revoked is null
            ? StoreResult<ApiKey>.Fail(StoreStatus.NotFound, $"No key '{keyId}' in tenant '{tenantId}'.")
            : StoreResult<ApiKey>.Ok(revoked);
    }

    private static string? Validate(string name, ApiKeyRole role, decimal? daily, decimal? monthly, int? rpm, int? tpm, IReadOnlyList<string> allowedTenants)
    {
        var problem = Validation.Required("name", name)
            ?? (Enum.IsDefined(role) ? null : "role must be admin, tenant_admin, member or viewer.")
            ?? Validation.NonNegative("daily_budget", daily)
            ?? Validation.NonNegative("monthly_budget", monthly)
            ?? Validation.Positive("requests_per_minute", rpm)
            ?? Validation.Positive("tokens_per_minute", tpm);
        foreach (var tenant in allowedTenants)
        {
            problem ??= Validation.Slug("allowed_tenants[]", tenant);
        }

        return problem;
    }

    private static async Task<ApiKey?> ReadOneAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static SqliteCommand Bind(SqliteCommand command, ApiKey key) =>
        command.With("$id", key.Id)
            .With("$tenant_id", key.TenantId)
            .With("$name", key.Name)
            .With("$prefix", key.Prefix)
            .With("$role", ApiKeyRoles.ToWire(key.Role))
            .With("$policy_json", key.PolicyJson)
            .With("$daily", ToNanos(key.DailyBudgetUsd))
            .With("$monthly", ToNanos(key.MonthlyBudgetUsd))
            .With("$rpm", key.RequestsPerMinute)
            .With("$tpm", key.TokensPerMinute)
            .With("$allowed_tenants", ToJson(key.AllowedTenants))
            .With("$expires_at", ToMillis(key.ExpiresAt))
            .With("$created_at", ToMillis(key.CreatedAt))
            .With("$updated_at", ToMillis(key.UpdatedAt))
            .With("$version", key.Version);

    private static ApiKey Read(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        TenantId = reader.GetString(1),
        Name = reader.GetString(2),
        Prefix = reader.GetString(3),
        Role = ApiKeyRoles.FromWire(reader.GetString(4)),
        PolicyJson = reader.GetNullableString(5),
        DailyBudgetUsd = ToUsd(reader.GetNullableInt64(6)),
        MonthlyBudgetUsd = ToUsd(reader.GetNullableInt64(7)),
        RequestsPerMinute = reader.GetNullableInt32(8),
        TokensPerMinute = reader.GetNullableInt32(9),
        AllowedTenants = FromJsonList(reader.GetString(10)),
        ExpiresAt = FromMillis(reader.GetNullableInt64(11)),
        RevokedAt = FromMillis(reader.GetNullableInt64(12)),
        CreatedAt = FromMillis(reader.GetInt64(13)),
        UpdatedAt = FromMillis(reader.GetInt64(14)),
        Version = reader.GetInt64(15),
    };
}
