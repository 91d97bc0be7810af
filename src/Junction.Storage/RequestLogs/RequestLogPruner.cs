using System.Globalization;
using Junction.Storage.Database;
using Microsoft.Data.Sqlite;

namespace Junction.Storage.RequestLogs;

/// <summary>
/// Keeps the request log to its retention: once a minute after start, then every hour, deletes the records (and
/// their traces and bodies) older than <see cref="RequestLogOptions.Retention"/>. Deletes go in small batches, each
/// its own transaction, so the log's writer never waits long behind them. Spend reports read the log, so they cover
/// the retained period; budgets are kept apart (<c>budget_spend</c>) and are not affected.
/// </summary>
internal sealed class RequestLogPruner : IAsyncDisposable
{
    /// <summary>Records deleted per transaction: a few milliseconds of writing at a time.</summary>
    public const int DefaultBatchSize = 2_000;

    private static readonly TimeSpan FirstRun = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Period = TimeSpan.FromHours(1);

    private readonly SqliteDatabase _database;
    private readonly TimeSpan _retention;
    private readonly TimeProvider _time;
    private readonly ITimer? _timer;
    private readonly SemaphoreSlim _running = new(1, 1);

    public RequestLogPruner(SqliteDatabase database, TimeSpan retention, TimeProvider time)
    {
        (_database, _retention, _time) = (database, retention, time);
        if (retention > TimeSpan.Zero)
        {
            _timer = time.CreateTimer(static state => _ = ((RequestLogPruner)state!).PruneQuietlyAsync(), this, FirstRun, Period);
        }
    }

    /// <summary>Deletes every record created before <paramref name="olderThan"/>; returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset olderThan, int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var total = 0;
            int deleted;
            do
            {
                deleted = await PruneBatchAsync(olderThan.ToUnixTimeMilliseconds(), batchSize, cancellationToken).ConfigureAwait(false);
                total += deleted;
            }
            while (deleted == batchSize);

            await DeleteOrphanedRejectionSetsAsync(olderThan.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
            return total;
        }
        finally
        {
            _running.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        // Waits for a prune in progress, so the database is not closed under it.
        await _running.WaitAsync().ConfigureAwait(false);
        _running.Dispose();
    }

    private async Task<int> PruneBatchAsync(long beforeMillis, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            DELETE FROM request_log_payloads WHERE request_seq IN
                (SELECT seq FROM request_log WHERE created_at < $before ORDER BY created_at, seq LIMIT $limit);
            DELETE FROM request_log WHERE seq IN
                (SELECT seq FROM request_log WHERE created_at < $before ORDER BY created_at, seq LIMIT $limit);
            SELECT changes();
            """, (SqliteTransaction)transaction).With("$before", beforeMillis).With("$limit", batchSize);
        var deleted = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    /// <summary>
    /// Rejection sets no remaining trace names (a handful of rows: one per policy and catalog snapshot in use). The
    /// writer stores a set again with every batch that names it, so deleting one here never strands a trace.
    /// </summary>
    private async Task DeleteOrphanedRejectionSetsAsync(long beforeMillis, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            DELETE FROM trace_rejection_sets WHERE created_at < $before AND NOT EXISTS
                (SELECT 1 FROM request_log_payloads p WHERE p.rejection_set = trace_rejection_sets.id);
            """).With("$before", beforeMillis);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task PruneQuietlyAsync()
    {
        try
        {
            await PruneAsync(_time.GetUtcNow() - _retention).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Housekeeping: a failure (the disk, a busy database, the store shutting down) is retried on the next run.
        }
    }
}
