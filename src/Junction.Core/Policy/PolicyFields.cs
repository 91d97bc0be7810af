using System.Collections.Frozen;

namespace Junction.Core.Policy;

/// <summary>Every field a policy may name. The evaluator switches on this, never on the name.</summary>
public enum FieldId
{
    Model,
    Provider,
    Family,
    Region,
    Tier,
    PriceIn,
    PriceOut,
    ContextWindow,
    MaxOutput,
    BenchIntelligence,
    Capabilities,
    OpenWeights,
    DataRetention,
    LatencyP50Ms,
    TtftP50Ms,
    TokensPerS,
    Availability,
    ErrorRate,
    Circuit,
    EstCost,
    EstLatencyMs,
}

/// <summary>The type of a field's value, which decides the operators it takes.</summary>
public enum FieldType
{
    String,
    StringSet,
    Number,
    Boolean,
}

/// <summary>Where a field's value comes from.</summary>
public enum FieldSource
{
    /// <summary>The catalog entry.</summary>
    Static,

    /// <summary>Observed traffic (decayed, seeded by catalog priors).</summary>
    Live,

    /// <summary>Computed per request before ranking.</summary>
    Request,
}

/// <summary>A field as served by <c>GET /x/fields</c>.</summary>
public sealed record FieldDescriptor(
    FieldId Id,
    string Name,
    FieldType Type,
    FieldSource Source,
    string? Unit,
    string Description,
    IReadOnlyList<string> Operators);

/// <summary>The field registry of <c>junction-pol/v1</c>.</summary>
public static class PolicyFields
{
    private static readonly string[] StringOps = ["eq", "ne", "in", "nin"];
    private static readonly string[] NumberOps = ["cmp", "eq", "ne", "in", "nin", "field (rank)"];
    private static readonly string[] BoolOps = ["eq", "ne"];

    /// <summary>All fields, in documentation order.</summary>
    public static readonly IReadOnlyList<FieldDescriptor> All =
    [
        new(FieldId.Model, "model", FieldType.String, FieldSource.Static, null, "Catalog model id, e.g. gpt-4.1-mini.", StringOps),
        new(FieldId.Provider, "provider", FieldType.String, FieldSource.Static, null, "Provider id: openai, anthropic, google, groq, deepseek, mistral, ...", StringOps),
        new(FieldId.Family, "family", FieldType.String, FieldSource.Static, null, "Model family, e.g. gpt-4.1, claude-sonnet, gemini-2.5.", StringOps),
        new(FieldId.Region, "region", FieldType.StringSet, FieldSource.Static, null, "Regions serving the model (a set: eq/in match if any region matches).", StringOps),
        new(FieldId.Tier, "tier", FieldType.String, FieldSource.Static, null, "Size class: frontier, standard, small.", StringOps),
        new(FieldId.PriceIn, "price_in", FieldType.Number, FieldSource.Static, "USD per 1M input tokens", "List price of input tokens.", NumberOps),
        new(FieldId.PriceOut, "price_out", FieldType.Number, FieldSource.Static, "USD per 1M output tokens", "List price of output tokens.", NumberOps),
        new(FieldId.ContextWindow, "context_window", FieldType.Number, FieldSource.Static, "tokens", "Maximum prompt plus output tokens.", NumberOps),
        new(FieldId.MaxOutput, "max_output", FieldType.Number, FieldSource.Static, "tokens", "Maximum output tokens per response.", NumberOps),
        new(FieldId.BenchIntelligence, "bench_intelligence", FieldType.Number, FieldSource.Static, "0..1", "Quality index; the catalog cites its source.", NumberOps),
        new(FieldId.Capabilities, "capabilities", FieldType.StringSet, FieldSource.Static, null, "Capabilities (a set): tools, vision, json_schema, json_mode, streaming, reasoning. Prefer [\"has\", c].", StringOps),
        new(FieldId.OpenWeights, "open_weights", FieldType.Boolean, FieldSource.Static, null, "Whether the weights are openly published.", BoolOps),
        new(FieldId.DataRetention, "data_retention", FieldType.String, FieldSource.Static, null, "Provider's default data retention: zero, 30d, ...", StringOps),
        new(FieldId.LatencyP50Ms, "latency_p50_ms", FieldType.Number, FieldSource.Live, "ms", "Median end-to-end latency, decayed, seeded by the catalog prior.", NumberOps),
        new(FieldId.TtftP50Ms, "ttft_p50_ms", FieldType.Number, FieldSource.Live, "ms", "Median time to first token, decayed.", NumberOps),
        new(FieldId.TokensPerS, "tokens_per_s", FieldType.Number, FieldSource.Live, "tokens/s", "Output token rate while streaming, decayed.", NumberOps),
        new(FieldId.Availability, "availability", FieldType.Number, FieldSource.Live, "0..1", "Share of attempts that succeeded, decayed.", NumberOps),
        new(FieldId.ErrorRate, "error_rate", FieldType.Number, FieldSource.Live, "0..1", "Share of attempts that failed, decayed.", NumberOps),
        new(FieldId.Circuit, "circuit", FieldType.String, FieldSource.Live, null, "Circuit breaker state: closed, open, half_open.", StringOps),
        new(FieldId.EstCost, "est_cost", FieldType.Number, FieldSource.Request, "USD", "Estimated cost of this request on this model: prompt tokens x price_in + expected output tokens x price_out.", NumberOps),
        new(FieldId.EstLatencyMs, "est_latency_ms", FieldType.Number, FieldSource.Request, "ms", "Estimated latency of this request: TTFT + expected output tokens / tokens_per_s.", NumberOps),
    ];

    private static readonly FrozenDictionary<string, FieldDescriptor> ByName =
        All.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Looks up a field by its wire name (case-sensitive).</summary>
    public static bool TryGet(string name, out FieldDescriptor field) => ByName.TryGetValue(name, out field!);

    /// <summary>The descriptor of a field id.</summary>
    public static FieldDescriptor Get(FieldId id) => All[(int)id];
}
