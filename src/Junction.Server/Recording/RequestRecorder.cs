using System.Buffers;
using System.Text.Json;
using Junction.Core.Requests;
using Junction.Server.Admission;
using Junction.Server.Json;
using Junction.Server.Pipeline;
using Junction.Server.Routing;
using Junction.Storage;
using Junction.Storage.RequestLogs;
using Junction.Storage.Tenants;
using Junction.Storage.Traces;

namespace Junction.Server.Recording;

/// <summary>
/// Turns a settled request into one request-log record and hands it to the store's batched writer, which returns at
/// once (the database write happens on its own thread). Bodies are kept only when the tenant logs in <c>full</c> and
/// the effective policy does not say <c>no_log</c>; otherwise no prompt or answer text reaches the database.
/// </summary>
internal sealed class RequestRecorder(EmbeddedStore store, TimeProvider time, ILogger<RequestRecorder> logger)
{
    public async ValueTask RecordAsync(RequestSettlement settlement, RoutePlan? plan, DateTimeOffset? arrived)
    {
        try
        {
            var caller = settlement.Caller;
            var keepBodies = caller.LoggingMode == LoggingMode.Full && plan is not null && !plan.Policy.NoLog;
            var chosen = plan?.Decision.Chosen?.Model;
            var record = new RequestLogRecord
            {
                Id = settlement.TraceId ?? "req_" + Guid.CreateVersion7().ToString("N"),
                TenantId = caller.TenantId,
                KeyId = caller.KeyId,
                Timestamp = arrived ?? time.GetUtcNow().AddMilliseconds(-settlement.LatencyMs),
                Tags = settlement.Request?.Knobs.Tags ?? [],
                Surface = Surface(settlement.Surface),
                PolicyFingerprint = plan?.Policy.Fingerprint,
                Model = settlement.Model ?? chosen?.Id,
                Provider = settlement.Provider ?? chosen?.Provider,
                Outcome = Outcome(settlement),
                HttpStatus = settlement.Status,
                ErrorKind = settlement.Status == 200 ? null : settlement.ErrorCode,
                PromptTokens = settlement.Usage?.PromptTokens ?? 0,
                CompletionTokens = settlement.Usage?.CompletionTokens ?? 0,
                CachedTokens = settlement.Usage?.CachedPromptTokens ?? 0,
                EstimatedCostUsd = ToDecimal(settlement.EstimatedCost),
                ActualCostUsd = ToDecimal(settlement.ActualCost),
                LatencyMs = settlement.LatencyMs,
                TtftMs = settlement.TtftMs,
                DenialReason = settlement.DenialReason,
                TraceId = settlement.TraceId,
                Trace = settlement.Trace,
                RequestBody = keepBodies && settlement.Request is { } request ? RequestBody(request.Chat) : null,
            };
            await store.RequestLog.WriteAsync(record);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            AdmissionLog.RecordFailed(logger, e);
        }
    }

    private static RequestOutcome Outcome(RequestSettlement settlement) => settlement switch
    {
        { Status: 200 } => RequestOutcome.Succeeded,
        { Status: 499 } => RequestOutcome.Cancelled,
        { DenialReason: not null } => RequestOutcome.Denied,
        _ => RequestOutcome.Failed,
    };

    private static RequestSurface Surface(string surface) => surface switch
    {
        "anthropic" => RequestSurface.Anthropic,
        "native" => RequestSurface.Native,
        _ => RequestSurface.OpenAI,
    };

    private static decimal? ToDecimal(double? value) => value is { } v && double.IsFinite(v) ? (decimal)v : null;

    /// <summary>The conversation as <c>[{"role","content"}]</c>: what a <c>full</c> log keeps of the request.</summary>
    private static ReadOnlyMemory<byte> RequestBody(ChatRequest chat)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, JsonWriting.WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var message in chat.Messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", message.Role.ToString().ToLowerInvariant());
                writer.WriteString("content", message.Text());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
