using System.Text.Json.Serialization;
using Junction.Core.Catalog;
using Junction.Core.Policy.Ast;

namespace Junction.Core.Routing.Trace;

/// <summary>
/// The proof of one request's routing (POLICY.md §4): which policy, which catalog, why each model was rejected,
/// how the survivors ranked, which one was chosen; the gateway then appends the attempts, cost and timings.
/// </summary>
public sealed class RouteTrace
{
    /// <summary><c>trc_...</c>, also sent as <c>x-junction-trace-id</c>.</summary>
    public required string TraceId { get; init; }

    public required TracePolicy Policy { get; init; }

    public required TraceCatalog Catalog { get; init; }

    public required TraceRequest Request { get; init; }

    /// <summary>The decision's own rejections: the trace shares them rather than copying one record per model.</summary>
    public required IReadOnlyList<Rejection> Rejected { get; init; }

    /// <summary>See <see cref="RouteDecision.RejectedShared"/>; not part of the trace's JSON.</summary>
    [JsonIgnore]
    public bool RejectedShared { get; init; }

    /// <summary>The survivors in cascade order, the chosen model first.</summary>
    public required IReadOnlyList<TraceCandidate> Ranked { get; init; }

    /// <summary>Null when nothing was routed (no route, or denied).</summary>
    public TraceChoice? Chosen { get; init; }

    /// <summary>Provider attempts in order; appended by the gateway as it executes the cascade.</summary>
    public List<TraceAttempt> Attempts { get; init; } = [];

    public TraceCost Cost { get; set; } = new(null, null);

    public TraceTimings Timings { get; set; } = new(0, null);

    /// <summary>The trace of a decision before any attempt: cost estimated, route time measured.</summary>
    public static RouteTrace FromDecision(string traceId, CompiledPolicy policy, RouteDecision decision)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(decision);

        var layers = new TraceLayer[policy.Layers.Count];
        for (var i = 0; i < layers.Length; i++)
        {
            layers[i] = new TraceLayer(policy.Layers[i].Source, policy.Layers[i].Fingerprint);
        }

        var ranked = new TraceCandidate[decision.Ranked.Count];
        for (var i = 0; i < ranked.Length; i++)
        {
            var c = decision.Ranked[i];
            ranked[i] = new TraceCandidate(c.Model.Id, c.Model.Provider, c.Score, c.EstCost, c.EstLatencyMs);
        }

        var request = decision.Request;
        var chosen = decision.Chosen;
        return new RouteTrace
        {
            TraceId = traceId,
            Policy = new TracePolicy(policy.Fingerprint, PolicyDocument.CurrentVersion, layers),
            Catalog = new TraceCatalog(decision.CatalogVersion, decision.CatalogModelCount),
            Request = new TraceRequest(request.EstPromptTokens, request.MaxTokens, CapabilityNames.Names(request.Needs)),
            Rejected = decision.Rejected,
            RejectedShared = decision.RejectedShared,
            Ranked = ranked,
            Chosen = chosen is null ? null : new TraceChoice(chosen.Model.Id, chosen.Model.Provider, decision.Arm),
            Cost = new TraceCost(chosen?.EstCost, null),
            Timings = new TraceTimings(decision.RouteMicros, null),
        };
    }
}

/// <summary>The effective policy's fingerprint and each layer's, most general first.</summary>
public sealed record TracePolicy(string Fingerprint, string Version, IReadOnlyList<TraceLayer> Layers);

/// <summary>One layer's source (<c>tenant:acme</c>) and fingerprint.</summary>
public sealed record TraceLayer(string Source, string Fingerprint);

/// <summary>The catalog snapshot the decision was made on: replay needs this version.</summary>
public sealed record TraceCatalog(string Version, int Models);

/// <summary>What routing knew about the request.</summary>
public sealed record TraceRequest(int EstPromptTokens, int? MaxTokens, IReadOnlyList<string> Needs);

/// <summary>A survivor with its score and the per-request estimates it was ranked on.</summary>
public sealed record TraceCandidate(string Model, string Provider, double Score, double EstCost, double EstLatencyMs);

/// <summary>The chosen model; <paramref name="Arm"/> names the split arm when a split chose.</summary>
public sealed record TraceChoice(string Model, string Provider, string? Arm);

/// <summary>One provider attempt: <paramref name="Outcome"/> is <c>ok</c> or an error kind's wire name.</summary>
public sealed record TraceAttempt(
    string Model,
    string Provider,
    string Outcome,
    int? Status,
    string? Error,
    double? LatencyMs,
    double? TtftMs)
{
    /// <summary>What served the attempt: the provider id, or <c>simulator</c> when the simulator stood in. Left out when unknown.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Upstream { get; init; }
}

/// <summary>USD: the chosen model's estimate, and what the provider actually charged once settled.</summary>
public sealed record TraceCost(double? Estimated, double? Actual, string Currency = "USD");

/// <summary>Time spent routing (µs) and on the whole request (ms, set by the gateway).</summary>
public sealed record TraceTimings(double RouteUs, double? TotalMs);
