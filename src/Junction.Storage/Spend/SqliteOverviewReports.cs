using Junction.Storage.Database;
using static Junction.Storage.Database.StoredValues;

namespace Junction.Storage.Spend;

/// <summary>
/// The overview as a few aggregate queries over <c>request_log</c> in one read: totals, one sort per latency measure
/// (both percentiles picked by row number in the same pass), spend per bucket and series, top models and providers.
/// Every query is bounded by the time range (indexed) and the SQL is assembled only from fixed fragments.
/// </summary>
internal sealed class SqliteOverviewReports(SqliteDatabase database) : IOverviewReports
{
    private const string Range = "r.created_at >= $from AND r.created_at < $to AND ($tenant IS NULL OR r.tenant_id = $tenant)";

    public async Task<StoreResult<UsageOverview>> GetAsync(OverviewQuery query, CancellationToken cancellationToken = default)
    {
        var width = (long)UsageOverview.BucketWidth(query.Bucket).TotalMilliseconds;
        var from = ToMillis(query.From);
        var to = ToMillis(query.To);
        if (to <= from)
        {
            return StoreResult<UsageOverview>.Fail(StoreStatus.Invalid, "to: must be after from");
        }

        var buckets = (int)Math.Min(int.MaxValue, (to - from + width - 1) / width);
        if (buckets > OverviewQuery.MaxBuckets)
        {
            return StoreResult<UsageOverview>.Fail(StoreStatus.Invalid, $"from: the range spans {buckets} buckets; at most {OverviewQuery.MaxBuckets}");
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false); // one consistent read

        Microsoft.Data.Sqlite.SqliteCommand Command(string sql) => connection.Command(sql, (Microsoft.Data.Sqlite.SqliteTransaction)transaction)
            .With("$from", from).With("$to", to).With("$tenant", query.TenantId);

        OverviewTotals totals;
        await using (var command = Command($"""
            SELECT COUNT(*), COALESCE(SUM(r.status = 'failed'), 0), COALESCE(SUM(r.actual_cost_nusd), 0),
                   COALESCE(SUM(r.prompt_tokens), 0), COALESCE(SUM(r.completion_tokens), 0)
            FROM request_log r WHERE {Range};
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            totals = new OverviewTotals(reader.GetInt64(0), reader.GetInt64(1), ToUsd(reader.GetInt64(2)), reader.GetInt64(3), reader.GetInt64(4), null, null, null, null);
        }

        var (latencyP50, latencyP95) = await PercentilesAsync(Command, "latency_ms", cancellationToken).ConfigureAwait(false);
        var (ttftP50, ttftP95) = await PercentilesAsync(Command, "ttft_ms", cancellationToken).ConfigureAwait(false);
        totals = totals with { LatencyP50Ms = latencyP50, LatencyP95Ms = latencyP95, TtftP50Ms = ttftP50, TtftP95Ms = ttftP95 };

        var dimension = query.By switch
        {
            OverviewDimension.Model => "r.model",
            OverviewDimension.Provider => "r.provider",
            _ => "r.tenant_id",
        };
        var cells = new Dictionary<string, (long[] Nanos, long[] Requests, long TotalNanos, long TotalRequests)>(StringComparer.Ordinal);
        await using (var command = Command($"""
                SELECT {dimension}, (r.created_at - $from) / $width, COALESCE(SUM(r.actual_cost_nusd), 0), COUNT(*)
                FROM request_log r WHERE {Range}
                GROUP BY 1, 2;
                """).With("$width", width))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var name = reader.GetNullableString(0) ?? UsageOverview.NoneSeries;
                if (!cells.TryGetValue(name, out var cell))
                {
                    cell = (new long[buckets], new long[buckets], 0, 0);
                }

                var index = (int)reader.GetInt64(1);
                var nanos = reader.GetInt64(2);
                var requests = reader.GetInt64(3);
                cell.Nanos[index] += nanos;
                cell.Requests[index] += requests;
                cells[name] = (cell.Nanos, cell.Requests, cell.TotalNanos + nanos, cell.TotalRequests + requests);
            }
        }

        var series = Series(cells, query, buckets, width);
        var models = new List<OverviewModelRow>();
        await using (var command = Command($"""
                SELECT r.model, r.provider, COUNT(*), COALESCE(SUM(r.actual_cost_nusd), 0) AS spend
                FROM request_log r WHERE {Range} AND r.model IS NOT NULL
                GROUP BY r.model, r.provider ORDER BY spend DESC, COUNT(*) DESC, r.model LIMIT $limit;
                """).With("$limit", query.TopLimit))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                models.Add(new OverviewModelRow(reader.GetString(0), reader.GetNullableString(1), reader.GetInt64(2), ToUsd(reader.GetInt64(3))));
            }
        }

        var providers = new List<OverviewProviderRow>();
        await using (var command = Command($"""
                SELECT r.provider, COUNT(*), COALESCE(SUM(r.actual_cost_nusd), 0) AS spend
                FROM request_log r WHERE {Range} AND r.provider IS NOT NULL
                GROUP BY r.provider ORDER BY spend DESC, COUNT(*) DESC, r.provider LIMIT $limit;
                """).With("$limit", query.TopLimit))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                providers.Add(new OverviewProviderRow(reader.GetString(0), reader.GetInt64(1), ToUsd(reader.GetInt64(2))));
            }
        }

        return StoreResult<UsageOverview>.Ok(new UsageOverview(totals, series, models, providers));
    }

    /// <summary>
    /// The nearest-rank 50th and 95th percentiles of <paramref name="column"/> (a fixed column name) in one sort:
    /// rank k of n is ceil(k·n/100), picked by row number.
    /// </summary>
    private static async Task<(double? P50, double? P95)> PercentilesAsync(Func<string, Microsoft.Data.Sqlite.SqliteCommand> command, string column, CancellationToken cancellationToken)
    {
        double? p50 = null, p95 = null;
        await using var select = command($"""
            SELECT rank, value FROM (
                SELECT r.{column} AS value, ROW_NUMBER() OVER (ORDER BY r.{column}) AS rank, COUNT(*) OVER () AS n
                FROM request_log r WHERE {Range} AND r.{column} IS NOT NULL)
            WHERE rank = (n * 50 + 99) / 100 OR rank = (n * 95 + 99) / 100
            ORDER BY rank;
            """);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<double>(2);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(reader.GetDouble(1));
        }

        if (rows.Count > 0)
        {
            // With few rows both ranks can be the same row.
            p50 = rows[0];
            p95 = rows[^1];
        }

        return (p50, p95);
    }

    private static List<OverviewSeries> Series(
        Dictionary<string, (long[] Nanos, long[] Requests, long TotalNanos, long TotalRequests)> cells, OverviewQuery query, int buckets, long width)
    {
        var ranked = cells.OrderByDescending(c => c.Value.TotalNanos).ThenByDescending(c => c.Value.TotalRequests).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var kept = ranked.Count > query.MaxSeries ? ranked.Take(Math.Max(query.MaxSeries - 1, 0)).ToList() : ranked;
        var series = new List<OverviewSeries>(kept.Count + 1);
        foreach (var (name, cell) in kept)
        {
            series.Add(new OverviewSeries(name, Points(cell.Nanos, cell.Requests, query.From, width)));
        }

        if (kept.Count < ranked.Count)
        {
            var nanos = new long[buckets];
            var requests = new long[buckets];
            foreach (var (_, cell) in ranked.Skip(kept.Count))
            {
                for (var i = 0; i < buckets; i++)
                {
                    nanos[i] += cell.Nanos[i];
                    requests[i] += cell.Requests[i];
                }
            }

            series.Add(new OverviewSeries(UsageOverview.OtherSeries, Points(nanos, requests, query.From, width)));
        }

        return series;
    }

    private static OverviewPoint[] Points(long[] nanos, long[] requests, DateTimeOffset from, long width)
    {
        var points = new OverviewPoint[nanos.Length];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = new OverviewPoint(from.AddMilliseconds(i * width).ToUniversalTime(), ToUsd(nanos[i]), requests[i]);
        }

        return points;
    }
}
