using System.Buffers;
using System.Text;
using System.Text.Json;
using Junction.Core.Routing.Trace;
using Junction.Storage.Database;
using Microsoft.Data.Sqlite;
using static Junction.Storage.Database.StoredValues;

namespace Junction.Storage.RequestLogs;

/// <summary>Writes batches of request records into <c>request_log</c> (and <c>request_log_payloads</c>) in one transaction.</summary>
internal sealed class SqliteRequestLogSink(SqliteDatabase database) : IRequestLogBatchSink
{
    public async Task<int> WriteBatchAsync(IReadOnlyList<RequestLogRecord> batch, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = connection.Command("""
            INSERT INTO request_log (id, tenant_id, key_id, created_at, tags_json, surface, policy_fingerprint, model, provider,
                attempts_json, status, http_status, error_kind, prompt_tokens, completion_tokens, cached_tokens,
                estimated_cost_nusd, actual_cost_nusd, latency_ms, ttft_ms, denial_reason, trace_id)
            VALUES ($id, $tenant_id, $key_id, $created_at, $tags, $surface, $fingerprint, $model, $provider,
                $attempts, $status, $http_status, $error_kind, $prompt, $completion, $cached,
                $estimated, $actual, $latency, $ttft, $denial, $trace_id)
            ON CONFLICT (id) DO NOTHING
            RETURNING seq;
            """, transaction);
        await using var payload = connection.Command("""
            INSERT INTO request_log_payloads (request_seq, trace_brotli, request_body, response_body)
            VALUES ($seq, $trace, $request, $response);
            """, transaction);

        // Parameters are made once per batch and only their values change per record.
        var p = new Dictionary<string, SqliteParameter>(StringComparer.Ordinal);
        foreach (var name in InsertParameters)
        {
            p[name] = insert.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        var seqParameter = payload.Parameters.Add("$seq", SqliteType.Integer);
        var traceParameter = payload.Parameters.Add("$trace", SqliteType.Blob);
        var requestParameter = payload.Parameters.Add("$request", SqliteType.Blob);
        var responseParameter = payload.Parameters.Add("$response", SqliteType.Blob);

        // One JSON buffer per batch, reused by every record's trace and attempts: it grows to a trace's size once.
        var json = new ArrayBufferWriter<byte>(16 * 1024);
        await using var jsonWriter = new Utf8JsonWriter(json, TraceJson.WriterOptions);

        var inserted = 0;
        foreach (var record in batch)
        {
            Set(p["$id"], record.Id);
            Set(p["$tenant_id"], record.TenantId);
            Set(p["$key_id"], record.KeyId);
            Set(p["$created_at"], ToMillis(record.Timestamp));
            Set(p["$tags"], ToJson(record.Tags));
            Set(p["$surface"], RequestLogWire.ToWire(record.Surface));
            Set(p["$fingerprint"], record.PolicyFingerprint);
            Set(p["$model"], record.Model);
            Set(p["$provider"], record.Provider);
            Set(p["$attempts"], record.AttemptsJson ?? (record.Trace is { } withAttempts ? Encoding.UTF8.GetString(Json(json, jsonWriter, withAttempts, attemptsOnly: true)) : null));
            Set(p["$status"], RequestLogWire.ToWire(record.Outcome));
            Set(p["$http_status"], record.HttpStatus);
            Set(p["$error_kind"], record.ErrorKind);
            Set(p["$prompt"], record.PromptTokens);
            Set(p["$completion"], record.CompletionTokens);
            Set(p["$cached"], record.CachedTokens);
            Set(p["$estimated"], ToNanos(record.EstimatedCostUsd));
            Set(p["$actual"], ToNanos(record.ActualCostUsd));
            Set(p["$latency"], record.LatencyMs);
            Set(p["$ttft"], record.TtftMs);
            Set(p["$denial"], record.DenialReason);
            Set(p["$trace_id"], record.TraceId);
            if (await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long seq)
            {
                continue;
            }

            inserted++;
            if (record.TraceJson is null && record.Trace is null && record.RequestBody is null && record.ResponseBody is null)
            {
                continue;
            }

            Set(seqParameter, seq);
            Set(traceParameter, record.TraceJson is { } traceJson ? TraceCompression.Compress(traceJson.Span)
                : record.Trace is { } trace ? TraceCompression.Compress(Json(json, jsonWriter, trace, attemptsOnly: false))
                : null);
            Set(requestParameter, record.RequestBody?.ToArray());
            Set(responseParameter, record.ResponseBody?.ToArray());
            await payload.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return inserted;
    }

    private static readonly string[] InsertParameters =
    [
        "$id", "$tenant_id", "$key_id", "$created_at", "$tags", "$surface", "$fingerprint", "$model", "$provider", "$attempts",
        "$status", "$http_status", "$error_kind", "$prompt", "$completion", "$cached", "$estimated", "$actual", "$latency",
        "$ttft", "$denial", "$trace_id",
    ];

    /// <summary>A finished trace (or its attempts alone) as UTF-8 JSON in the batch's reused buffer, valid until the next call.</summary>
    private static ReadOnlySpan<byte> Json(ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer, RouteTrace trace, bool attemptsOnly)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        if (attemptsOnly)
        {
            TraceJson.WriteAttempts(writer, trace.Attempts);
        }
        else
        {
            TraceJson.Write(writer, trace);
        }

        writer.Flush();
        return buffer.WrittenSpan;
    }

    private static void Set(SqliteParameter parameter, object? value) => parameter.Value = value ?? DBNull.Value;
}
