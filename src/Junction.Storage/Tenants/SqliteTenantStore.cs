using System.Data.Common;
using Junction.Storage.Database;
using Microsoft.Data.Sqlite;
using static Junction.Storage.Database.StoredValues;

namespace Junction.Storage.Tenants;

/// <summary>Tenants in the embedded SQLite database.</summary>
internal sealed class SqliteTenantStore(SqliteDatabase database, ChangeGeneration changes, TimeProvider time) : ITenantStore
{
    private const string Columns = """
        id, name, plan, region, data_class, policy_json, default_strategy, default_max_cost_nusd,
        daily_budget_nusd, monthly_budget_nusd, requests_per_minute, tokens_per_minute, logging_mode, tags_json,
        created_at, updated_at, version
        """;

    public async Task<StoreResult<Tenant>> CreateAsync(Tenant tenant, CancellationToken cancellationToken = default)
    {
        if (Validate(tenant) is { } problem)
        {
            return StoreResult<Tenant>.Fail(StoreStatus.Invalid, problem);
        }

        var now = time.GetUtcNow();
        var stored = tenant with { CreatedAt = Truncate(now), UpdatedAt = Truncate(now), Version = 1 };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"""
            INSERT INTO tenants ({Columns}) VALUES ($id, $name, $plan, $region, $data_class, $policy_json, $default_strategy,
                $default_max_cost, $daily, $monthly, $rpm, $tpm, $logging_mode, $tags, $created_at, $updated_at, $version);
            """);
        Bind(command, stored);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.IsUniqueViolation())
        {
            return StoreResult<Tenant>.Fail(StoreStatus.AlreadyExists, $"A tenant with id '{tenant.Id}' already exists.");
        }

        changes.Advance();
        return StoreResult<Tenant>.Ok(stored);
    }

    public async Task<Tenant?> GetAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"SELECT {Columns} FROM tenants WHERE id = $id;").With("$id", tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<Tenant>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"SELECT {Columns} FROM tenants ORDER BY id;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var tenants = new List<Tenant>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tenants.Add(Read(reader));
        }

        return tenants;
    }

    public async Task<StoreResult<Tenant>> UpdateAsync(Tenant tenant, CancellationToken cancellationToken = default)
    {
        if (Validate(tenant) is { } problem)
        {
            return StoreResult<Tenant>.Fail(StoreStatus.Invalid, problem);
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.Command("SELECT version, created_at FROM tenants WHERE id = $id;", transaction).With("$id", tenant.Id);
        long currentVersion;
        long createdAt;
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return StoreResult<Tenant>.Fail(StoreStatus.NotFound, $"No tenant '{tenant.Id}'.");
            }

            currentVersion = reader.GetInt64(0);
            createdAt = reader.GetInt64(1);
        }

        if (currentVersion != tenant.Version)
        {
            return StoreResult<Tenant>.Fail(StoreStatus.VersionConflict, $"Tenant '{tenant.Id}' is at version {currentVersion}, not {tenant.Version}.");
        }

        var stored = tenant with { CreatedAt = FromMillis(createdAt), UpdatedAt = Truncate(time.GetUtcNow()), Version = currentVersion + 1 };
        await using var update = connection.Command("""
            UPDATE tenants SET name = $name, plan = $plan, region = $region, data_class = $data_class, policy_json = $policy_json,
                default_strategy = $default_strategy, default_max_cost_nusd = $default_max_cost, daily_budget_nusd = $daily,
                monthly_budget_nusd = $monthly, requests_per_minute = $rpm, tokens_per_minute = $tpm, logging_mode = $logging_mode,
                tags_json = $tags, updated_at = $updated_at, version = $version
            WHERE id = $id;
            """, transaction);
        Bind(update, stored);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        changes.Advance();
        return StoreResult<Tenant>.Ok(stored);
    }

    public async Task<StoreStatus> DeleteAsync(string tenantId, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var delete = connection.Command("DELETE FROM tenants WHERE id = $id AND ($version IS NULL OR version = $version);")
            .With("$id", tenantId).With("$version", expectedVersion);
        if (await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
        {
            changes.Advance();
            return StoreStatus.Ok;
        }

        await using var exists = connection.Command("SELECT 1 FROM tenants WHERE id = $id;").With("$id", tenantId);
        return await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null ? StoreStatus.NotFound : StoreStatus.VersionConflict;
    }

    private static string? Validate(Tenant tenant) =>
        Validation.Slug("id", tenant.Id)
        ?? Validation.Required("name", tenant.Name)
        ?? Validation.NonNegative("default_max_cost", tenant.DefaultMaxCostUsd)
        ?? Validation.NonNegative("daily_budget", tenant.DailyBudgetUsd)
        ?? Validation.NonNegative("monthly_budget", tenant.MonthlyBudgetUsd)
        ?? Validation.Positive("requests_per_minute", tenant.RequestsPerMinute)
        ?? Validation.Positive("tokens_per_minute", tenant.TokensPerMinute)
        ?? (Enum.IsDefined(tenant.LoggingMode) ? null : "logging_mode must be full or metadata.");

    private static DateTimeOffset Truncate(DateTimeOffset time) => FromMillis(ToMillis(time));

    private static void Bind(SqliteCommand command, Tenant tenant) =>
        command.With("$id", tenant.Id)
            .With("$name", tenant.Name)
            .With("$plan", tenant.Plan)
            .With("$region", tenant.Region)
            .With("$data_class", tenant.DataClass)
            .With("$policy_json", tenant.PolicyJson)
            .With("$default_strategy", tenant.DefaultStrategy)
            .With("$default_max_cost", ToNanos(tenant.DefaultMaxCostUsd))
            .With("$daily", ToNanos(tenant.DailyBudgetUsd))
            .With("$monthly", ToNanos(tenant.MonthlyBudgetUsd))
            .With("$rpm", tenant.RequestsPerMinute)
            .With("$tpm", tenant.TokensPerMinute)
            .With("$logging_mode", LoggingModes.ToWire(tenant.LoggingMode))
            .With("$tags", ToJson(tenant.Tags))
            .With("$created_at", ToMillis(tenant.CreatedAt))
            .With("$updated_at", ToMillis(tenant.UpdatedAt))
            .With("$version", tenant.Version);

    private static Tenant Read(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Name = reader.GetString(1),
        Plan = reader.GetNullableString(2),
        Region = reader.GetNullableString(3),
        DataClass = reader.GetNullableString(4),
        PolicyJson = reader.GetNullableString(5),
        DefaultStrategy = reader.GetNullableString(6),
        DefaultMaxCostUsd = ToUsd(reader.GetNullableInt64(7)),
        DailyBudgetUsd = ToUsd(reader.GetNullableInt64(8)),
        MonthlyBudgetUsd = ToUsd(reader.GetNullableInt64(9)),
        RequestsPerMinute = reader.GetNullableInt32(10),
        TokensPerMinute = reader.GetNullableInt32(11),
        LoggingMode = LoggingModes.FromWire(reader.GetString(12)),
        Tags = FromJsonList(reader.GetString(13)),
        CreatedAt = FromMillis(reader.GetInt64(14)),
        UpdatedAt = FromMillis(reader.GetInt64(15)),
        Version = reader.GetInt64(16),
    };
}
