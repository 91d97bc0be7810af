using System.Globalization;
using System.Text;
using Junction.Storage.Database;
using static Junction.Storage.Database.StoredValues;

namespace Junction.Storage.Spend;

/// <summary>Spend reports as one GROUP BY over <c>request_log</c>; the SQL is assembled only from fixed fragments.</summary>
internal sealed class SqliteSpendReports(SqliteDatabase database) : ISpendReports
{
    private static readonly (SpendGrouping Grouping, string Expression)[] Dimensions =
    [
        (SpendGrouping.Day, "date(r.created_at / 1000, 'unixepoch')"),
        (SpendGrouping.Tenant, "r.tenant_id"),
        (SpendGrouping.Key, "r.key_id"),
        (SpendGrouping.Model, "r.model"),
        (SpendGrouping.Provider, "r.provider"),
        (SpendGrouping.Tag, "t.value"),
    ];

    public async Task<IReadOnlyList<SpendRow>> GetAsync(SpendQuery query, CancellationToken cancellationToken = default)
    {
        var select = new StringBuilder();
        var groupBy = new StringBuilder();
        foreach (var (grouping, expression) in Dimensions)
        {
            select.Append(query.GroupBy.HasFlag(grouping) ? expression : "NULL").Append(", ");
            if (query.GroupBy.HasFlag(grouping))
            {
                groupBy.Append(groupBy.Length == 0 ? "GROUP BY " : ", ").Append(expression);
            }
        }

        var tagJoin = query.GroupBy.HasFlag(SpendGrouping.Tag) ? "LEFT JOIN json_each(r.tags_json) t" : "";
        var orderBy = groupBy.Length == 0 ? "" : "ORDER BY " + groupBy.ToString("GROUP BY ".Length, groupBy.Length - "GROUP BY ".Length);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"""
            SELECT {select} COUNT(*), SUM(r.prompt_tokens), SUM(r.completion_tokens), SUM(r.cached_tokens),
                   COALESCE(SUM(r.actual_cost_nusd), 0), COALESCE(SUM(r.estimated_cost_nusd), 0)
            FROM request_log r {tagJoin}
            WHERE r.created_at >= $from AND r.created_at < $to AND ($tenant IS NULL OR r.tenant_id = $tenant)
            {groupBy}
            {orderBy};
            """)
            .With("$from", ToMillis(query.From))
            .With("$to", ToMillis(query.To))
            .With("$tenant", query.TenantId);

        var rows = new List<SpendRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var requests = reader.GetInt64(6);
            if (requests == 0)
            {
                continue; // an ungrouped aggregate over no rows
            }

            var day = reader.GetNullableString(0);
            rows.Add(new SpendRow(
                TenantId: reader.GetNullableString(1),
                KeyId: reader.GetNullableString(2),
                Model: reader.GetNullableString(3),
                Provider: reader.GetNullableString(4),
                Tag: reader.GetNullableString(5),
                Day: day is null ? null : DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Requests: requests,
                PromptTokens: reader.GetInt64(7),
                CompletionTokens: reader.GetInt64(8),
                CachedTokens: reader.GetInt64(9),
                CostUsd: ToUsd(reader.GetInt64(10)),
                EstimatedCostUsd: ToUsd(reader.GetInt64(11))));
        }

        return rows;
    }
}
