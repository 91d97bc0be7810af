using System.Buffers;
using System.Text.Json;
using Junction.Core.Routing.Trace;
using Junction.Storage.Database;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using static Junction.Storage.Database.StoredValues;

namespace Junction.Storage.RequestLogs;

/// <summary>
/// Writes batches of request records into <c>request_log</c> (and <c>request_log_payloads</c>) in one transaction.
/// Every request passes through here, so the two inserts are prepared once per batch and bound through SQLite's own
/// API: ADO.NET's commands made a parameter binder per value, a data reader per row and a boxed value per number,
/// about a tenth of all the gateway allocated per request. Text is bound as the UTF-16 or UTF-8 it already is, and
/// the trace's JSON and its compressed form live in buffers reused across the batch. A trace whose rejection list is
/// shared (<see cref="RouteTrace.RejectedShared"/>) is stored without it, naming the list, which is stored once in
/// <c>trace_rejection_sets</c>: that list is most of a trace, and writing and compressing it for every request was
/// the largest part of the writer's work.
/// </summary>
internal sealed class SqliteRequestLogSink(SqliteDatabase database) : IRequestLogBatchSink
{
    private const string InsertRecordSql = """
        INSERT INTO request_log (id, tenant_id, key_id, created_at, tags_json, surface, policy_fingerprint, model, provider,
            attempts_json, status, http_status, error_kind, prompt_tokens, completion_tokens, cached_tokens,
            estimated_cost_nusd, actual_cost_nusd, latency_ms, ttft_ms, denial_reason, trace_id)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)
        ON CONFLICT (id) DO NOTHING
        RETURNING seq;
        """;

    private const string InsertPayloadSql = """
        INSERT INTO request_log_payloads (request_seq, trace_brotli, request_body, response_body, rejection_set)
        VALUES (?1, ?2, ?3, ?4, ?5);
        """;

    private const string InsertRejectionSetSql = """
        INSERT INTO trace_rejection_sets (id, rejected_brotli, created_at) VALUES (?1, ?2, ?3)
        ON CONFLICT (id) DO NOTHING;
        """;

    public async Task<int> WriteBatchAsync(IReadOnlyList<RequestLogRecord> batch, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var inserted = Insert(connection.Handle!, batch, cancellationToken);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return inserted;
    }

    private static int Insert(sqlite3 db, IReadOnlyList<RequestLogRecord> batch, CancellationToken cancellationToken)
    {
        using var record = Statement.Prepare(db, InsertRecordSql);
        using var payload = Statement.Prepare(db, InsertPayloadSql);

        // Reused by every record of the batch: they grow to a trace's size once.
        var json = new ArrayBufferWriter<byte>(16 * 1024);
        var compressed = new ArrayBufferWriter<byte>(4 * 1024);
        using var jsonWriter = new Utf8JsonWriter(json, TraceJson.WriterOptions);

        // The shared rejection lists this batch's traces name, each written (or found already there) in the same
        // transaction as the records that name it: the pruner can never have deleted one they depend on.
        var sets = new List<(StoredRejectionSet Set, DateTimeOffset FirstNamed)>();
        var inserted = 0;
        foreach (var r in batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            record.Text(1, r.Id);
            record.Text(2, r.TenantId);
            record.Text(3, r.KeyId);
            record.Integer(4, ToMillis(r.Timestamp));
            record.Utf8(5, Json(json, jsonWriter, r.Tags, WriteTags));
            record.Text(6, RequestLogWire.ToWire(r.Surface));
            record.Text(7, r.PolicyFingerprint);
            record.Text(8, r.Model);
            record.Text(9, r.Provider);
            if (r.AttemptsJson is { } attempts)
            {
                record.Text(10, attempts);
            }
            else if (r.Trace is { } trace)
            {
                record.Utf8(10, Json(json, jsonWriter, trace.Attempts, TraceJson.WriteAttempts));
            }
            else
            {
                record.Null(10);
            }

            record.Text(11, RequestLogWire.ToWire(r.Outcome));
            record.Integer(12, r.HttpStatus);
            record.Text(13, r.ErrorKind);
            record.Integer(14, r.PromptTokens);
            record.Integer(15, r.CompletionTokens);
            record.Integer(16, r.CachedTokens);
            record.Integer(17, ToNanos(r.EstimatedCostUsd));
            record.Integer(18, ToNanos(r.ActualCostUsd));
            record.Real(19, r.LatencyMs);
            record.Real(20, r.TtftMs);
            record.Text(21, r.DenialReason);
            record.Text(22, r.TraceId);
            if (record.StepForInteger() is not { } seq)
            {
                continue;
            }

            inserted++;
            if (r.TraceJson is null && r.Trace is null && r.RequestBody is null && r.ResponseBody is null)
            {
                continue;
            }

            payload.Integer(1, seq);
            payload.Null(5);
            if (r.TraceJson is { } traceJson)
            {
                payload.Blob(2, Compressed(compressed, traceJson.Span));
            }
            else if (r.Trace is { RejectedShared: true } sharing)
            {
                var set = StoredRejectionSet.Of(sharing.Rejected);
                if (!Holds(sets, set))
                {
                    sets.Add((set, r.Timestamp));
                }

                payload.Blob(2, Compressed(compressed, Json(json, jsonWriter, (sharing, set.Id), static (w, t) => TraceJson.WriteWithRejectedSet(w, t.sharing, t.Id))));
                payload.Text(5, set.Id);
            }
            else if (r.Trace is { } trace)
            {
                payload.Blob(2, Compressed(compressed, Json(json, jsonWriter, trace, TraceJson.Write)));
            }
            else
            {
                payload.Null(2);
            }

            payload.Blob(3, r.RequestBody);
            payload.Blob(4, r.ResponseBody);
            payload.Step();
        }

        if (sets.Count > 0)
        {
            using var insertSet = Statement.Prepare(db, InsertRejectionSetSql);
            foreach (var (set, firstNamed) in sets)
            {
                insertSet.Text(1, set.Id);
                insertSet.Blob(2, set.Compressed);
                insertSet.Integer(3, ToMillis(firstNamed));
                insertSet.Step();
            }
        }

        return inserted;
    }

    /// <summary>
    /// What <paramref name="write"/> writes, as UTF-8 JSON in the batch's reused buffer, valid until the next call.
    /// The delegates passed are static, so a record's tags, attempts and trace cost no allocation here.
    /// </summary>
    private static ReadOnlySpan<byte> Json<T>(ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer, T value, Action<Utf8JsonWriter, T> write)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        write(writer, value);
        writer.Flush();
        return buffer.WrittenSpan;
    }

    private static void WriteTags(Utf8JsonWriter writer, IReadOnlyList<string> tags)
    {
        writer.WriteStartArray();
        for (var i = 0; i < tags.Count; i++)
        {
            writer.WriteStringValue(tags[i]);
        }

        writer.WriteEndArray();
    }

    /// <summary>True when <paramref name="sets"/> already holds <paramref name="set"/> (a batch names one or two).</summary>
    private static bool Holds(List<(StoredRejectionSet Set, DateTimeOffset FirstNamed)> sets, StoredRejectionSet set)
    {
        foreach (var (held, _) in sets)
        {
            if (ReferenceEquals(held, set))
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySpan<byte> Compressed(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> json)
    {
        buffer.ResetWrittenCount();
        TraceCompression.Compress(json, buffer);
        return buffer.WrittenSpan;
    }
}
