using System.Data.Common;
using Junction.Storage.Database;
using Microsoft.Data.Sqlite;
using static Junction.Storage.Database.StoredValues;

namespace Junction.Storage.Audit;

/// <summary>
/// The audit log in SQLite. Appends run one at a time (a lock here, BEGIN IMMEDIATE in the database), each reading
/// the head, inserting the next row and moving the head in one transaction. Triggers refuse UPDATE and DELETE;
/// the chain catches what gets past them (someone with the file and a SQLite shell).
/// </summary>
internal sealed class SqliteAuditLog(SqliteDatabase database, TimeProvider time) : IAuditLog, IDisposable
{
    private const string Columns = "id, at, tenant_id, actor_key_id, action, target, before_json, after_json, prev_hash, hash";

    private readonly SemaphoreSlim _appending = new(1, 1);

    public async Task<AuditEntry> AppendAsync(NewAuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry.ActorKeyId);
        ArgumentException.ThrowIfNullOrEmpty(entry.Action);
        ArgumentException.ThrowIfNullOrEmpty(entry.Target);
        await _appending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            long lastId = 0;
            var previousHash = AuditHasher.Genesis;
            await using (var head = connection.Command("SELECT last_id, last_hash FROM audit_head WHERE singleton = 1;", transaction))
            await using (var reader = await head.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    lastId = reader.GetInt64(0);
                    previousHash = (byte[])reader.GetValue(1);
                }
            }

            var id = lastId + 1;
            var at = ToMillis(time.GetUtcNow());
            var hash = AuditHasher.Hash(previousHash, id, at, entry.TenantId, entry.ActorKeyId, entry.Action, entry.Target, entry.BeforeJson, entry.AfterJson);
            await using (var insert = connection.Command($"""
                INSERT INTO audit_log ({Columns}) VALUES ($id, $at, $tenant, $actor, $action, $target, $before, $after, $prev, $hash);
                INSERT INTO audit_head (singleton, last_id, last_hash) VALUES (1, $id, $hash)
                    ON CONFLICT (singleton) DO UPDATE SET last_id = excluded.last_id, last_hash = excluded.last_hash;
                """, transaction))
            {
                insert.With("$id", id).With("$at", at).With("$tenant", entry.TenantId).With("$actor", entry.ActorKeyId)
                    .With("$action", entry.Action).With("$target", entry.Target).With("$before", entry.BeforeJson)
                    .With("$after", entry.AfterJson).With("$prev", previousHash).With("$hash", hash);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new AuditEntry(id, FromMillis(at), entry.TenantId, entry.ActorKeyId, entry.Action, entry.Target,
                entry.BeforeJson, entry.AfterJson, Convert.ToHexStringLower(hash));
        }
        finally
        {
            _appending.Release();
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"""
            SELECT {Columns} FROM audit_log
            WHERE ($tenant IS NULL OR tenant_id = $tenant)
              AND ($target IS NULL OR target = $target)
              AND ($actor IS NULL OR actor_key_id = $actor)
              AND ($before_id IS NULL OR id < $before_id)
            ORDER BY id DESC
            LIMIT $limit;
            """)
            .With("$tenant", query.TenantId).With("$target", query.Target).With("$actor", query.ActorKeyId)
            .With("$before_id", query.BeforeId).With("$limit", Math.Clamp(query.Limit, 1, 1000));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(Read(reader));
        }

        return entries;
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // One read transaction: the rows and the head are seen as of one instant, even while appends go on.
        await using var transaction = connection.BeginTransaction(deferred: true);
        long expectedId = 1;
        var previousHash = AuditHasher.Genesis;
        await using (var rows = connection.Command($"SELECT {Columns} FROM audit_log ORDER BY id;", transaction))
        await using (var reader = await rows.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = reader.GetInt64(0);
                var checkedRows = expectedId - 1;
                if (id != expectedId)
                {
                    return Broken(checkedRows, AuditProblem.MissingRow, expectedId, $"Row {expectedId} is missing: the next row is {id}.");
                }

                var storedPrevious = (byte[])reader.GetValue(8);
                var storedHash = (byte[])reader.GetValue(9);
                if (!storedPrevious.AsSpan().SequenceEqual(previousHash))
                {
                    return Broken(checkedRows, AuditProblem.BrokenLink, id, $"Row {id} does not follow row {id - 1}: its previous hash differs.");
                }

                var computed = AuditHasher.Hash(previousHash, id, reader.GetInt64(1), reader.GetNullableString(2), reader.GetString(3),
                    reader.GetString(4), reader.GetString(5), reader.GetNullableString(6), reader.GetNullableString(7));
                if (!computed.AsSpan().SequenceEqual(storedHash))
                {
                    return Broken(checkedRows, AuditProblem.HashMismatch, id, $"Row {id} was changed after it was written.");
                }

                previousHash = storedHash;
                expectedId++;
            }
        }

        var lastId = expectedId - 1;
        await using var head = connection.Command("SELECT last_id, last_hash FROM audit_head WHERE singleton = 1;", transaction);
        await using var headReader = await head.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var (headId, headHash) = await headReader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (headReader.GetInt64(0), (byte[])headReader.GetValue(1))
            : (0L, AuditHasher.Genesis);
        if (headId != lastId || !headHash.AsSpan().SequenceEqual(previousHash))
        {
            return headId > lastId
                ? Broken(lastId, AuditProblem.HeadMismatch, lastId + 1, $"The chain ends at row {lastId}, but its head records row {headId}: rows were deleted from the end.")
                : Broken(lastId, AuditProblem.HeadMismatch, headId + 1, $"The chain's head records row {headId}, but rows go on to {lastId}: rows were added outside the log.");
        }

        return new AuditVerification(true, lastId, AuditProblem.None, null, null, lastId == 0 ? null : Convert.ToHexStringLower(previousHash));
    }

    public void Dispose() => _appending.Dispose();

    private static AuditVerification Broken(long checkedRows, AuditProblem problem, long id, string detail) =>
        new(false, checkedRows, problem, id, detail, null);

    private static AuditEntry Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        FromMillis(reader.GetInt64(1)),
        reader.GetNullableString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetNullableString(6),
        reader.GetNullableString(7),
        Convert.ToHexStringLower((byte[])reader.GetValue(9)));
}
