using System.Data.Common;
using System.Globalization;
using System.Text;
using Junction.Core.Routing.Trace;
using Junction.Storage.Database;
using static Junction.Storage.Database.StoredValues;

namespace Junction.Storage.RequestLogs;

/// <summary>Reads <c>request_log</c>, always filtered by tenant; pages by (time, sequence) keyset, never by offset.</summary>
internal sealed class SqliteRequestLogReader(SqliteDatabase database) : IRequestLogReader
{
    private const string Columns = """
        r.seq, r.id, r.tenant_id, r.key_id, r.created_at, r.tags_json, r.surface, r.policy_fingerprint, r.model, r.provider,
        r.attempts_json, r.status, r.http_status, r.error_kind, r.prompt_tokens, r.completion_tokens, r.cached_tokens,
        r.estimated_cost_nusd, r.actual_cost_nusd, r.latency_ms, r.ttft_ms, r.denial_reason, r.trace_id
        """;

    public async Task<RequestLogRecord?> GetAsync(string tenantId, string requestId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"""
            SELECT {Columns}, p.trace_json, p.request_body, p.response_body, p.trace_brotli, p.rejection_set, s.rejected_brotli
            FROM request_log r LEFT JOIN request_log_payloads p ON p.request_seq = r.seq
                LEFT JOIN trace_rejection_sets s ON s.id = p.rejection_set
            WHERE r.tenant_id = $tenant AND r.id = $id;
            """).With("$tenant", tenantId).With("$id", requestId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        // A row written before traces were compressed keeps its trace as text (see migration 0002).
        var trace = reader.GetNullableBytes(26) is { } compressed ? TraceCompression.Decompress(compressed)
            : reader.GetNullableString(23) is { } text ? Encoding.UTF8.GetBytes(text)
            : null;
        if (trace is not null && reader.GetNullableString(27) is { } rejectionSet)
        {
            // Stored once for every trace that shares it (migration 0003); a missing set leaves the trace without
            // its rejections rather than failing the whole record.
            trace = reader.GetNullableBytes(28) is { } set
                ? TraceJson.SpliceRejectedSet(trace, rejectionSet, TraceCompression.Decompress(set)) ?? trace
                : trace;
        }

        return Read(reader) with
        {
            TraceJson = Memory(trace),
            RequestBody = Memory(reader.GetNullableBytes(24)),
            ResponseBody = Memory(reader.GetNullableBytes(25)),
        };
    }

    public async Task<StoreResult<RequestLogPage>> SearchAsync(RequestLogQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Limit is < 1 or > RequestLogQuery.MaxLimit)
        {
            return StoreResult<RequestLogPage>.Fail(StoreStatus.Invalid, $"limit must be 1 to {RequestLogQuery.MaxLimit}.");
        }

        if (query.Search is { Length: > RequestLogQuery.MaxSearchLength })
        {
            return StoreResult<RequestLogPage>.Fail(StoreStatus.Invalid, $"q: at most {RequestLogQuery.MaxSearchLength} characters.");
        }

        (long Time, long Seq)? after = null;
        if (query.Cursor is not null)
        {
            if (!TryParseCursor(query.Cursor, out var cursor))
            {
                return StoreResult<RequestLogPage>.Fail(StoreStatus.Invalid, "cursor is not one this log gave out.");
            }

            after = cursor;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"""
            SELECT {Columns} FROM request_log r
            WHERE r.tenant_id = $tenant
              AND ($key IS NULL OR r.key_id = $key)
              AND ($model IS NULL OR r.model = $model)
              AND ($provider IS NULL OR r.provider = $provider)
              AND ($status IS NULL OR r.status = $status)
              AND ($from IS NULL OR r.created_at >= $from)
              AND ($to IS NULL OR r.created_at < $to)
              AND ($tag IS NULL OR EXISTS (SELECT 1 FROM json_each(r.tags_json) t WHERE t.value = $tag))
              AND ($search IS NULL OR r.id LIKE $search || '%' ESCAPE '\' OR r.model LIKE '%' || $search || '%' ESCAPE '\')
              AND ($after_time IS NULL OR r.created_at < $after_time OR (r.created_at = $after_time AND r.seq < $after_seq))
            ORDER BY r.created_at DESC, r.seq DESC
            LIMIT $limit;
            """)
            .With("$tenant", query.TenantId)
            .With("$key", query.KeyId)
            .With("$model", query.Model)
            .With("$provider", query.Provider)
            .With("$status", query.Outcome is { } outcome ? RequestLogWire.ToWire(outcome) : null)
            .With("$from", ToMillis(query.From))
            .With("$to", ToMillis(query.To))
            .With("$tag", query.Tag)
            .With("$search", string.IsNullOrEmpty(query.Search) ? null : EscapeLike(query.Search))
            .With("$after_time", after?.Time)
            .With("$after_seq", after?.Seq)
            .With("$limit", query.Limit + 1);

        var items = new List<RequestLogRecord>(Math.Min(query.Limit + 1, 64));
        (long Time, long Seq) last = default;
        string? next = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (items.Count == query.Limit)
            {
                next = string.Create(CultureInfo.InvariantCulture, $"{last.Time}.{last.Seq}");
                break;
            }

            items.Add(Read(reader));
            last = (reader.GetInt64(4), reader.GetInt64(0));
        }

        return StoreResult<RequestLogPage>.Ok(new RequestLogPage(items, next));
    }

    /// <summary>Makes <paramref name="text"/> match itself literally in a <c>LIKE ... ESCAPE '\'</c> pattern.</summary>
    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    // Spelled out: `bytes is null ? null : bytes` converts the null to an empty memory, not to "no body".
    private static ReadOnlyMemory<byte>? Memory(byte[]? bytes) => bytes is null ? default(ReadOnlyMemory<byte>?) : new ReadOnlyMemory<byte>(bytes);

    private static bool TryParseCursor(string cursor, out (long Time, long Seq) value)
    {
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0
            && long.TryParse(cursor.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var time)
            && long.TryParse(cursor.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            value = (time, seq);
            return true;
        }

        value = default;
        return false;
    }

    private static RequestLogRecord Read(DbDataReader reader) => new()
    {
        Id = reader.GetString(1),
        TenantId = reader.GetString(2),
        KeyId = reader.GetNullableString(3),
        Timestamp = FromMillis(reader.GetInt64(4)),
        Tags = FromJsonList(reader.GetString(5)),
        Surface = RequestLogWire.SurfaceFromWire(reader.GetString(6)),
        PolicyFingerprint = reader.GetNullableString(7),
        Model = reader.GetNullableString(8),
        Provider = reader.GetNullableString(9),
        AttemptsJson = reader.GetNullableString(10),
        Outcome = RequestLogWire.OutcomeFromWire(reader.GetString(11)),
        HttpStatus = reader.GetInt32(12),
        ErrorKind = reader.GetNullableString(13),
        PromptTokens = reader.GetInt32(14),
        CompletionTokens = reader.GetInt32(15),
        CachedTokens = reader.GetInt32(16),
        EstimatedCostUsd = ToUsd(reader.GetNullableInt64(17)),
        ActualCostUsd = ToUsd(reader.GetNullableInt64(18)),
        LatencyMs = reader.GetNullableDouble(19),
        TtftMs = reader.GetNullableDouble(20),
        DenialReason = reader.GetNullableString(21),
        TraceId = reader.GetNullableString(22),
    };
}
