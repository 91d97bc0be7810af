using System.Text;
using Junction.Storage.RequestLogs;
using Junction.Storage.Tests.Infrastructure;

namespace Junction.Storage.Tests.RequestLogs;

/// <summary>Request records for tests, complete unless a test overrides a field.</summary>
internal static class RequestLogRecords
{
    public static RequestLogRecord Make(string id, string tenant = "acme", DateTimeOffset? at = null, string model = "gpt-4.1-mini", decimal cost = 0.001m, params string[] tags) => new()
    {
        Id = id,
        TenantId = tenant,
        KeyId = "key_1",
        Timestamp = at ?? TestStore.Noon,
        Tags = tags,
        Surface = RequestSurface.OpenAI,
        PolicyFingerprint = "pf_0123456789abcdef",
        Model = model,
        Provider = model.StartsWith("claude", StringComparison.Ordinal) ? "anthropic" : "openai",
        AttemptsJson = """[{"model":"gpt-4.1-mini","outcome":"ok"}]""",
        Outcome = RequestOutcome.Succeeded,
        HttpStatus = 200,
        PromptTokens = 100,
        CompletionTokens = 20,
        CachedTokens = 10,
        EstimatedCostUsd = cost * 2,
        ActualCostUsd = cost,
        LatencyMs = 123.5,
        TtftMs = 45.25,
        TraceId = "trc_" + id,
        TraceJson = Encoding.UTF8.GetBytes("""{"trace_id":"trc_x"}"""),
    };
}
