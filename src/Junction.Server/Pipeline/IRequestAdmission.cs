using Junction.Core.Requests;
using Junction.Server.Auth;
using Junction.Server.Ingress.OpenAI;
using Junction.Server.Routing;

namespace Junction.Server.Pipeline;

/// <summary>
/// The one seam where a request is admitted before any upstream call (rate limits, budget holds) and settled after
/// it (budget settle, request log). Every surface (<c>/v1/chat/completions</c>, <c>/v1/messages</c>, <c>/api/route</c>)
/// goes through <see cref="GatewayPipeline"/>, which calls this exactly once each way.
/// </summary>
internal interface IRequestAdmission
{
    /// <summary>
    /// Called after routing decided (so the estimate is known), before the first attempt. An error refuses the request
    /// (fail closed); the returned ticket comes back to <see cref="SettleAsync"/>.
    /// </summary>
    ValueTask<AdmissionResult> AdmitAsync(GatewayRequest request, RoutePlan plan, CancellationToken cancellationToken);

    /// <summary>Called once when the request is over, however it ended (also after a refused or unroutable request: with a null ticket).</summary>
    ValueTask SettleAsync(object? ticket, RequestSettlement settlement);
}

/// <summary>The outcome of <see cref="IRequestAdmission.AdmitAsync"/>: a ticket to settle later, or the error the caller gets.</summary>
internal readonly record struct AdmissionResult(object? Ticket, ApiError? Error)
{
    public static AdmissionResult Admitted(object? ticket = null) => new(ticket, null);

    public static AdmissionResult Refused(ApiError error) => new(null, error);
}

/// <summary>How a request ended, for budgets and the request log.</summary>
internal sealed record RequestSettlement(
    Caller Caller,
    string Surface,
    string? TraceId,
    string? Model,
    string? Provider,
    double? EstimatedCost,
    double? ActualCost,
    Junction.Providers.Abstractions.Usage? Usage,
    int Status,
    string? ErrorCode,
    bool Streamed,
    double LatencyMs,
    double? TtftMs,
    int Attempts)
{
    /// <summary>The request as the surface parsed it (tags, body for a <c>full</c> request log).</summary>
    public GatewayRequest? Request { get; init; }

    /// <summary>The finished trace, when routing ran; the request log serializes it on its writer thread.</summary>
    public Junction.Core.Routing.Trace.RouteTrace? Trace { get; init; }

    /// <summary>The plan, when routing ran (policy fingerprint, <c>no_log</c>).</summary>
    public RoutePlan? Plan { get; init; }

    /// <summary>Why the request was refused before any provider call (policy, budget, rate limit), naming the layer or scope.</summary>
    public string? DenialReason { get; init; }
}

/// <summary>Admits everything and records nothing; the tenancy feature replaces it in DI.</summary>
internal sealed class NoRequestAdmission : IRequestAdmission
{
    public ValueTask<AdmissionResult> AdmitAsync(GatewayRequest request, RoutePlan plan, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AdmissionResult.Admitted());

    public ValueTask SettleAsync(object? ticket, RequestSettlement settlement) => ValueTask.CompletedTask;
}
