using System.Buffers;
using System.Text;
using System.Text.Json;
using Junction.Server.Json;
using Junction.Storage.Audit;
using Junction.Storage.Credentials;
using Junction.Storage.Keys;
using Junction.Storage.RequestLogs;
using Junction.Storage.Spend;
using Junction.Storage.Tenants;

namespace Junction.Server.Admin;

/// <summary>
/// The admin API's JSON views, snake_case. A key view never holds the secret or its hash (only the prefix); a
/// credential view holds the provider, last 4 characters and fingerprint. The same views are the audit log's before/after.
/// </summary>
internal static class AdminViews
{
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, JsonWriting.WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string Text(Action<Utf8JsonWriter> write) => Encoding.UTF8.GetString(Write(write));

    /// <summary>A tenant; <paramref name="source"/> (<c>store</c> or <c>configuration</c>) is written for API answers, not for the audit log.</summary>
    public static void Tenant(Utf8JsonWriter w, Tenant t, string? source = null)
    {
        w.WriteStartObject();
        w.WriteString("id", t.Id);
        if (source is not null)
        {
            w.WriteString("source", source);
        }

        w.WriteString("name", t.Name);
        w.WriteString("plan", t.Plan);
        w.WriteString("region", t.Region);
        w.WriteString("data_class", t.DataClass);
        Raw(w, "policy", t.PolicyJson);
        w.WriteString("default_strategy", t.DefaultStrategy);
        w.NumberOrNull("default_max_cost", t.DefaultMaxCostUsd);
        w.NumberOrNull("daily_budget", t.DailyBudgetUsd);
        w.NumberOrNull("monthly_budget", t.MonthlyBudgetUsd);
        w.NumberOrNull("rpm", t.RequestsPerMinute);
        w.NumberOrNull("tpm", t.TokensPerMinute);
        w.WriteString("logging_mode", t.LoggingMode == LoggingMode.Full ? "full" : "metadata");
        Strings(w, "tags", t.Tags);
        w.TimeOrNull("created_at", t.CreatedAt == default ? null : t.CreatedAt); // a configured tenant has no stored times
        w.TimeOrNull("updated_at", t.UpdatedAt == default ? null : t.UpdatedAt);
        w.WriteNumber("version", t.Version);
        w.WriteEndObject();
    }

    public static void Key(Utf8JsonWriter w, ApiKey k, string? secret = null)
    {
        w.WriteStartObject();
        w.WriteString("id", k.Id);
        w.WriteString("tenant_id", k.TenantId);
        w.WriteString("name", k.Name);
        w.WriteString("prefix", k.Prefix);
        if (secret is not null)
        {
            w.WriteString("secret", secret);
        }

        w.WriteString("role", ApiKeyRoles.ToWire(k.Role));
        Raw(w, "policy", k.PolicyJson);
        w.NumberOrNull("daily_budget", k.DailyBudgetUsd);
        w.NumberOrNull("monthly_budget", k.MonthlyBudgetUsd);
        w.NumberOrNull("rpm", k.RequestsPerMinute);
        w.NumberOrNull("tpm", k.TokensPerMinute);
        Strings(w, "allowed_tenants", k.AllowedTenants);
        w.TimeOrNull("expires_at", k.ExpiresAt);
        w.TimeOrNull("revoked_at", k.RevokedAt);
        w.WriteString("created_at", k.CreatedAt);
        w.WriteNumber("version", k.Version);
        w.WriteEndObject();
    }

    public static void Credential(Utf8JsonWriter w, ProviderCredentialInfo c)
    {
        w.WriteStartObject();
        w.WriteString("tenant_id", c.TenantId);
        w.WriteString("provider", c.ProviderId);
        w.WriteString("last4", c.Last4);
        w.WriteString("fingerprint", c.Fingerprint);
        w.WriteString("updated_at", c.UpdatedAt);
        w.WriteEndObject();
    }

    public static void Log(Utf8JsonWriter w, RequestLogRecord r, bool detail)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("tenant_id", r.TenantId);
        w.WriteString("key_id", r.KeyId);
        w.WriteString("timestamp", r.Timestamp);
        Strings(w, "tags", r.Tags);
        w.WriteString("surface", r.Surface.ToString().ToLowerInvariant());
        w.WriteString("policy_fingerprint", r.PolicyFingerprint);
        w.WriteString("model", r.Model);
        w.WriteString("provider", r.Provider);
        Raw(w, "attempts", r.AttemptsJson);
        w.WriteString("outcome", r.Outcome.ToString().ToLowerInvariant());
        w.WriteNumber("status", r.HttpStatus);
        w.WriteString("error_kind", r.ErrorKind);
        w.WriteNumber("prompt_tokens", r.PromptTokens);
        w.WriteNumber("completion_tokens", r.CompletionTokens);
        w.WriteNumber("cached_tokens", r.CachedTokens);
        w.NumberOrNull("estimated_cost", r.EstimatedCostUsd);
        w.NumberOrNull("actual_cost", r.ActualCostUsd);
        w.NumberOrNull("latency_ms", r.LatencyMs);
        w.NumberOrNull("ttft_ms", r.TtftMs);
        w.WriteString("denial_reason", r.DenialReason);
        w.WriteString("trace_id", r.TraceId);
        if (detail)
        {
            RawBytes(w, "trace", r.TraceJson);
            RawBytes(w, "request_body", r.RequestBody);
            RawBytes(w, "response_body", r.ResponseBody);
        }

        w.WriteEndObject();
    }

    public static void Spend(Utf8JsonWriter w, SpendRow s)
    {
        w.WriteStartObject();
        w.WriteString("tenant_id", s.TenantId);
        w.WriteString("key_id", s.KeyId);
        w.WriteString("model", s.Model);
        w.WriteString("provider", s.Provider);
        w.WriteString("tag", s.Tag);
        w.WriteString("day", s.Day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteNumber("requests", s.Requests);
        w.WriteNumber("prompt_tokens", s.PromptTokens);
        w.WriteNumber("completion_tokens", s.CompletionTokens);
        w.WriteNumber("cached_tokens", s.CachedTokens);
        w.WriteNumber("cost", s.CostUsd);
        w.WriteNumber("estimated_cost", s.EstimatedCostUsd);
        w.WriteEndObject();
    }

    public static void Audit(Utf8JsonWriter w, AuditEntry a)
    {
        w.WriteStartObject();
        w.WriteNumber("id", a.Id);
        w.WriteString("at", a.At);
        w.WriteString("tenant_id", a.TenantId);
        w.WriteString("actor_key_id", a.ActorKeyId);
        w.WriteString("action", a.Action);
        w.WriteString("target", a.Target);
        Raw(w, "before", a.BeforeJson);
        Raw(w, "after", a.AfterJson);
        w.WriteString("hash", a.Hash);
        w.WriteEndObject();
    }

    public static void Verification(Utf8JsonWriter w, AuditVerification v)
    {
        w.WriteStartObject();
        w.WriteBoolean("intact", v.IsIntact);
        w.WriteNumber("rows_checked", v.RowsChecked);
        w.WriteString("problem", v.Problem == AuditProblem.None ? null : v.Problem.ToString());
        w.NumberOrNull("first_bad_id", v.FirstBadId);
        w.WriteString("detail", v.Detail);
        w.WriteString("head_hash", v.HeadHash);
        w.WriteEndObject();
    }

    private static void Raw(Utf8JsonWriter w, string name, string? json)
    {
        w.WritePropertyName(name);
        if (json is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteRawValue(json, skipInputValidation: true);
        }
    }

    private static void RawBytes(Utf8JsonWriter w, string name, ReadOnlyMemory<byte>? json)
    {
        w.WritePropertyName(name);
        if (json is not { Length: > 0 } bytes)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteRawValue(bytes.Span, skipInputValidation: true);
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
