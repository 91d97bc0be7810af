using System.Text;
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
            INSERT INTO request_log_payloads (request_seq, trace_json, request_body, response_body)
            VALUES ($seq, $trace, $request, $response);
            """, transaction);

        var inserted = 0;
        foreach (var record in batch)
        {
            insert.Parameters.Clear();
            insert.With("$id", record.Id)
                .With("$tenant_id", record.TenantId)
                .With("$key_id", record.KeyId)
                .With("$created_at", ToMillis(record.Timestamp))
                .With("$tags", ToJson(record.Tags))
                .With("$surface", RequestLogWire.ToWire(record.Surface))
                .With("$fingerprint", record.PolicyFingerprint)
                .With("$model", record.Model)
                .With("$provider", record.Provider)
                .With("$attempts", record.AttemptsJson)
                .With("$status", RequestLogWire.ToWire(record.Outcome))
                .With("$http_status", record.HttpStatus)
                .With("$error_kind", record.ErrorKind)
                .With("$prompt", record.PromptTokens)
                .With("$completion", record.CompletionTokens)
                .With("$cached", record.CachedTokens)
                .With("$estimated", ToNanos(record.EstimatedCostUsd))
                .With("$actual", ToNanos(record.ActualCostUsd))
                .With("$latency", record.LatencyMs)
                .With("$ttft", record.TtftMs)
                .With("$denial", record.DenialReason)
                .With("$trace_id", record.TraceId);
            if (await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long seq)
            {
                continue;
            }

            inserted++;
            if (record.TraceJson is null && record.RequestBody is null && record.ResponseBody is null)
            {
                continue;
            }

            payload.Parameters.Clear();
            payload.With("$seq", seq)
                .With("$trace", record.TraceJson is { } trace ? Encoding.UTF8.GetString(trace.Span) : null)
                .With("$request", record.RequestBody?.ToArray())
                .With("$response", record.ResponseBody?.ToArray());
            await payload.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return inserted;
    }
}
