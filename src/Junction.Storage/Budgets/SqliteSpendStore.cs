using Junction.Storage.Database;
using Microsoft.Data.Sqlite;

namespace Junction.Storage.Budgets;

/// <summary>Settled spend per scope and UTC day in the <c>budget_spend</c> table: written behind the ledger, read at start.</summary>
internal sealed class SqliteSpendStore(SqliteDatabase database)
{
    /// <summary>Spend per scope and day from <paramref name="fromDayKey"/> on.</summary>
    public async Task<List<(ScopeKind Kind, string Id, string Day, long SpentNanos)>> LoadSinceAsync(string fromDayKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT scope_kind, scope_id, day, spent_nusd FROM budget_spend WHERE day >= $from;")
            .With("$from", fromDayKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<(ScopeKind, string, string, long)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var kind = reader.GetString(0) == "tenant" ? ScopeKind.Tenant : ScopeKind.Key;
            rows.Add((kind, reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        }

        return rows;
    }

    /// <summary>Adds spend to the stored totals in one transaction.</summary>
    public async Task AddAsync(IReadOnlyList<(ScopeKind Kind, string Id, string Day, long DeltaNanos)> deltas, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            INSERT INTO budget_spend (scope_kind, scope_id, day, spent_nusd) VALUES ($kind, $id, $day, $delta)
            ON CONFLICT (scope_kind, scope_id, day) DO UPDATE SET spent_nusd = spent_nusd + excluded.spent_nusd;
            """, transaction);
        var kind = command.Parameters.Add("$kind", SqliteType.Text);
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var day = command.Parameters.Add("$day", SqliteType.Text);
        var delta = command.Parameters.Add("$delta", SqliteType.Integer);
        foreach (var row in deltas)
        {
            kind.Value = row.Kind == ScopeKind.Tenant ? "tenant" : "key";
            id.Value = row.Id;
            day.Value = row.Day;
            delta.Value = row.DeltaNanos;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
