using Microsoft.Data.Sqlite;

namespace Junction.Storage.Database;

/// <summary>
/// Brings a database up to <see cref="Migrations.LatestVersion"/> at start. Idempotent: a database already at
/// the latest version is left untouched. A database written by a newer build is refused, never downgraded.
/// </summary>
internal static class MigrationRunner
{
    public static async Task<int> MigrateAsync(SqliteDatabase database, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // WAL is a property of the file: set once, it stays for every later connection.
        await using (var wal = connection.Command("PRAGMA journal_mode = WAL;"))
        {
            await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var create = connection.Command("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER NOT NULL PRIMARY KEY,
                name       TEXT    NOT NULL,
                applied_at INTEGER NOT NULL
            ) STRICT;
            """))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        var current = 0;
        foreach (var migration in migrations)
        {
            // BEGIN IMMEDIATE takes the write lock first, so two processes starting at once apply each step once.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            current = await CurrentVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (current > latest)
            {
                throw new StorageSchemaException(current, latest);
            }

            if (current >= migration.Version)
            {
                continue;
            }

            await using (var apply = connection.Command(migration.Sql, transaction))
            {
                await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var record = connection.Command(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $at);", transaction))
            {
                record.With("$version", migration.Version).With("$name", migration.Name)
                    .With("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            current = migration.Version;
        }

        // Also refuses a newer database when this build has no pending step at all.
        current = await CurrentVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
        if (current > latest)
        {
            throw new StorageSchemaException(current, latest);
        }

        return current;
    }

    private static async Task<int> CurrentVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT COALESCE(MAX(version), 0) FROM schema_migrations;", transaction);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}
