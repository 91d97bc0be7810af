using System.Text.Json.Serialization;
using Junction.Core.Catalog;
using Junction.Core.Routing.Trace;

namespace Junction.Core.Routing;

/// <summary>How routing ended.</summary>
public enum RouteOutcome
{
    /// <summary>At least one survivor; <see cref="RouteDecision.Chosen"/> is set.</summary>
    Routed,

    /// <summary>No survivor, and not <see cref="Denied"/> (HTTP 422 <c>no_route</c>).</summary>
    NoRoute,

    /// <summary>
    /// A tenant or key rule rejected the forced (pinned) model, or nothing survived and every rejection came
    /// from a tenant or key rule (HTTP 403 <c>policy_denied</c>); <see cref="RouteDecision.Denial"/> names it.
    /// </summary>
    Denied,
}

/// <summary>A survivor, in cascade order: the first is the chosen model, the rest are its fallbacks.</summary>
public sealed record RankedCandidate(ModelEntry Model, double Score, double EstCost, double EstLatencyMs);

/// <summary>
/// Why a model did not survive: the layer (its source name) and the rule (the canonical JSON of the failing
/// clause), with the model's actual value for that field where there is one (as JSON text). The trace lists these
/// records as they are, and writes <see cref="Actual"/> as the JSON value it is (<c>0.41</c>, <c>"deepseek"</c>).
/// </summary>
public sealed record Rejection(
    string Model,
    string Provider,
    string Layer,
    string Rule,
    [property: JsonConverter(typeof(RawJsonConverter))] string? Actual);

/// <summary>The result of evaluating a compiled policy over a catalog snapshot for one request.</summary>
public sealed class RouteDecision
{
    public required RouteOutcome Outcome { get; init; }

    /// <summary>Survivors in cascade order (the chosen model first).</summary>
    public required IReadOnlyList<RankedCandidate> Ranked { get; init; }

    /// <summary>Every model that did not survive, with the clause and layer that rejected it.</summary>
    public required IReadOnlyList<Rejection> Rejected { get; init; }

    /// <summary>
    /// True when <see cref="Rejected"/> is the list every decision on the same policy and catalog snapshot shares
    /// (only the static rules rejected anything): the request log stores such a list once, not per request.
    /// </summary>
    public bool RejectedShared { get; init; }

    public RankedCandidate? Chosen { get; init; }

    /// <summary>The arm of a <c>split</c> selection that chose, if any.</summary>
    public string? Arm { get; init; }

    /// <summary>For <see cref="RouteOutcome.Denied"/>: the rejection that denied the request (names rule and layer).</summary>
    public Rejection? Denial { get; init; }

    /// <summary>The request as routing saw it, echoed for the trace.</summary>
    public required RouteRequest Request { get; init; }

    /// <summary>Catalog version the decision was made on.</summary>
    public required string CatalogVersion { get; init; }

    public required int CatalogModelCount { get; init; }

    /// <summary>Time spent deciding, in microseconds.</summary>
    public double RouteMicros { get; init; }
}
