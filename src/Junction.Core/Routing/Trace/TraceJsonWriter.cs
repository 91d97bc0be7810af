using System.Text.Json;

namespace Junction.Core.Routing.Trace;

/// <summary>
/// Writes a <see cref="RouteTrace"/> by hand, in exactly the bytes <see cref="TraceJsonContext"/> would write.
/// Every request's trace is written once, so this is on the gateway's hot path: the metadata-driven serializer
/// spent most of its time walking its own stack for a graph this flat. Property names are pre-encoded.
/// </summary>
internal static class TraceJsonWriter
{
    private static readonly JsonEncodedText TraceId = JsonEncodedText.Encode("trace_id");
    private static readonly JsonEncodedText Policy = JsonEncodedText.Encode("policy");
    private static readonly JsonEncodedText Fingerprint = JsonEncodedText.Encode("fingerprint");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText Layers = JsonEncodedText.Encode("layers");
    private static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText Catalog = JsonEncodedText.Encode("catalog");
    private static readonly JsonEncodedText Models = JsonEncodedText.Encode("models");
    private static readonly JsonEncodedText Request = JsonEncodedText.Encode("request");
    private static readonly JsonEncodedText EstPromptTokens = JsonEncodedText.Encode("est_prompt_tokens");
    private static readonly JsonEncodedText MaxTokens = JsonEncodedText.Encode("max_tokens");
    private static readonly JsonEncodedText Needs = JsonEncodedText.Encode("needs");
    private static readonly JsonEncodedText Rejected = JsonEncodedText.Encode("rejected");
    private static readonly JsonEncodedText RejectedSet = JsonEncodedText.Encode(TraceJson.RejectedSetProperty);
    private static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText Provider = JsonEncodedText.Encode("provider");
    private static readonly JsonEncodedText Layer = JsonEncodedText.Encode("layer");
    private static readonly JsonEncodedText Rule = JsonEncodedText.Encode("rule");
    private static readonly JsonEncodedText Actual = JsonEncodedText.Encode("actual");
    private static readonly JsonEncodedText Ranked = JsonEncodedText.Encode("ranked");
    private static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");
    private static readonly JsonEncodedText EstCost = JsonEncodedText.Encode("est_cost");
    private static readonly JsonEncodedText EstLatencyMs = JsonEncodedText.Encode("est_latency_ms");
    private static readonly JsonEncodedText Chosen = JsonEncodedText.Encode("chosen");
    private static readonly JsonEncodedText Arm = JsonEncodedText.Encode("arm");
    private static readonly JsonEncodedText Attempts = JsonEncodedText.Encode("attempts");
    private static readonly JsonEncodedText Outcome = JsonEncodedText.Encode("outcome");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText LatencyMs = JsonEncodedText.Encode("latency_ms");
    private static readonly JsonEncodedText TtftMs = JsonEncodedText.Encode("ttft_ms");
    private static readonly JsonEncodedText Upstream = JsonEncodedText.Encode("upstream");
    private static readonly JsonEncodedText Cost = JsonEncodedText.Encode("cost");
    private static readonly JsonEncodedText Estimated = JsonEncodedText.Encode("estimated");
    private static readonly JsonEncodedText Currency = JsonEncodedText.Encode("currency");
    private static readonly JsonEncodedText Timings = JsonEncodedText.Encode("timings");
    private static readonly JsonEncodedText RouteUs = JsonEncodedText.Encode("route_us");
    private static readonly JsonEncodedText TotalMs = JsonEncodedText.Encode("total_ms");

    /// <param name="writer">Where the trace goes.</param>
    /// <param name="trace">The trace.</param>
    /// <param name="rejectedSet">
    /// When set, <c>"rejected_set": id</c> stands where the <c>rejected</c> array would be: the stored form of a
    /// trace whose rejections are kept once, apart (see <see cref="TraceJson.WriteWithRejectedSet"/>).
    /// </param>
    public static void Write(Utf8JsonWriter writer, RouteTrace trace, string? rejectedSet = null)
    {
        writer.WriteStartObject();
        writer.WriteString(TraceId, trace.TraceId);
        WritePolicy(writer, trace.Policy);

        writer.WriteStartObject(Catalog);
        writer.WriteString(Version, trace.Catalog.Version);
        writer.WriteNumber(Models, trace.Catalog.Models);
        writer.WriteEndObject();

        writer.WriteStartObject(Request);
        writer.WriteNumber(EstPromptTokens, trace.Request.EstPromptTokens);
        WriteNumber(writer, MaxTokens, trace.Request.MaxTokens);
        writer.WriteStartArray(Needs);
        foreach (var need in trace.Request.Needs)
        {
            writer.WriteStringValue(need);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();

        if (rejectedSet is null)
        {
            writer.WritePropertyName(Rejected);
            WriteRejected(writer, trace.Rejected);
        }
        else
        {
            writer.WriteString(RejectedSet, rejectedSet);
        }

        WriteRanked(writer, trace.Ranked);
        if (trace.Chosen is { } chosen)
        {
            writer.WriteStartObject(Chosen);
            writer.WriteString(Model, chosen.Model);
            writer.WriteString(Provider, chosen.Provider);
            writer.WriteString(Arm, chosen.Arm);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull(Chosen);
        }

        writer.WritePropertyName(Attempts);
        WriteAttempts(writer, trace.Attempts);

        writer.WriteStartObject(Cost);
        WriteNumber(writer, Estimated, trace.Cost.Estimated);
        WriteNumber(writer, Actual, trace.Cost.Actual);
        writer.WriteString(Currency, trace.Cost.Currency);
        writer.WriteEndObject();

        writer.WriteStartObject(Timings);
        WriteNumber(writer, RouteUs, trace.Timings.RouteUs);
        WriteNumber(writer, TotalMs, trace.Timings.TotalMs);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The <c>attempts</c> array alone, as the request log keeps it beside the trace.</summary>
    public static void WriteAttempts(Utf8JsonWriter writer, IReadOnlyList<TraceAttempt> attempts)
    {
        writer.WriteStartArray();
        for (var i = 0; i < attempts.Count; i++)
        {
            var attempt = attempts[i];
            writer.WriteStartObject();
            writer.WriteString(Model, attempt.Model);
            writer.WriteString(Provider, attempt.Provider);
            writer.WriteString(Outcome, attempt.Outcome);
            WriteNumber(writer, Status, attempt.Status);
            writer.WriteString(Error, attempt.Error);
            WriteNumber(writer, LatencyMs, attempt.LatencyMs);
            WriteNumber(writer, TtftMs, attempt.TtftMs);
            if (attempt.Upstream is { } upstream)
            {
                writer.WriteString(Upstream, upstream);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WritePolicy(Utf8JsonWriter writer, TracePolicy policy)
    {
        writer.WriteStartObject(Policy);
        writer.WriteString(Fingerprint, policy.Fingerprint);
        writer.WriteString(Version, policy.Version);
        writer.WriteStartArray(Layers);
        foreach (var layer in policy.Layers)
        {
            writer.WriteStartObject();
            writer.WriteString(Source, layer.Source);
            writer.WriteString(Fingerprint, layer.Fingerprint);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The <c>rejected</c> array alone.</summary>
    public static void WriteRejected(Utf8JsonWriter writer, IReadOnlyList<Rejection> rejected)
    {
        writer.WriteStartArray();
        for (var i = 0; i < rejected.Count; i++)
        {
            var r = rejected[i];
            writer.WriteStartObject();
            writer.WriteString(Model, EncodedText.Of(r.Model));
            writer.WriteString(Provider, EncodedText.Of(r.Provider));
            writer.WriteString(Layer, EncodedText.Of(r.Layer));
            writer.WriteString(Rule, EncodedText.Of(r.Rule));
            writer.WritePropertyName(Actual);
            if (r.Actual is { } actual)
            {
                // The router writes the model's value as JSON text itself, so it is known to be valid.
                writer.WriteRawValue(actual, skipInputValidation: true);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteRanked(Utf8JsonWriter writer, IReadOnlyList<TraceCandidate> ranked)
    {
        writer.WriteStartArray(Ranked);
        for (var i = 0; i < ranked.Count; i++)
        {
            var c = ranked[i];
            writer.WriteStartObject();
            writer.WriteString(Model, c.Model);
            writer.WriteString(Provider, c.Provider);
            WriteNumber(writer, Score, c.Score);
            WriteNumber(writer, EstCost, c.EstCost);
            WriteNumber(writer, EstLatencyMs, c.EstLatencyMs);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter writer, JsonEncodedText name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, JsonEncodedText name, double? value)
    {
        if (value is { } v)
        {
            WriteNumber(writer, name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>Non-finite numbers as the named literals the trace's serializer options allow (<c>"NaN"</c>, <c>"Infinity"</c>).</summary>
    private static void WriteNumber(Utf8JsonWriter writer, JsonEncodedText name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }
}
