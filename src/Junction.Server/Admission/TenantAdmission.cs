using Junction.Server.Auth;
using Junction.Server.Pipeline;
using Junction.Server.Recording;
using Junction.Server.Routing;
using Junction.Storage;

namespace Junction.Server.Admission;

/// <summary>
/// The gateway's <see cref="IRequestAdmission"/>: before any provider call, the tenant's and key's rate limits (one
/// request, the estimated tokens) and a budget hold of the worst case on both scopes; after it, the hold settles to
/// the actual cost (or is released when nothing was served), the token estimate is corrected, and the request is
/// recorded. Everything fails closed: a store error refuses the request.
/// </summary>
internal sealed class TenantAdmission(EmbeddedStore store, RequestRecorder recorder, TimeProvider time, ILogger<TenantAdmission> logger) : IRequestAdmission
{
    public async ValueTask<AdmissionResult> AdmitAsync(GatewayRequest request, RoutePlan plan, CancellationToken cancellationToken)
    {
        var arrived = time.GetUtcNow();
        var caller = request.Caller;
        if (caller.BudgetScopes is not { } budgetScopes || caller.RateLimitScopes is not { } rateLimitScopes)
        {
            // Local mode and the configured admin key have no budgets or limits; their requests are still recorded.
            return AdmissionResult.Admitted(new AdmissionTicket(request, plan, arrived, null, 0));
        }

        var tokens = WorstCaseCost.EstimatedTokens(plan);
        try
        {
            var limits = await store.RateLimits.TryAcquireAsync(rateLimitScopes, 1, tokens, cancellationToken);
            RateLimitHeaders.Set(request.Response, limits);
            if (!limits.IsAllowed)
            {
                var scope = limits.DeniedScope is { } s ? ScopeName(caller, s.Kind, s.Id) : "tenant:" + caller.TenantId;
                return AdmissionResult.Refused(AdmissionErrors.RateLimited(limits, scope));
            }

            var budget = await store.Budgets.TryReserveAsync(budgetScopes, WorstCaseCost.Of(plan), cancellationToken);
            if (budget.Denial is { } denial)
            {
                // The request never reaches a provider: give its estimated tokens back.
                await store.RateLimits.AdjustAsync(rateLimitScopes, -tokens, CancellationToken.None);
                return AdmissionResult.Refused(AdmissionErrors.BudgetExceeded(denial, ScopeName(caller, denial.Scope.Kind, denial.Scope.Id)));
            }

            return AdmissionResult.Admitted(new AdmissionTicket(request, plan, arrived, budget.Reservation, tokens));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            AdmissionLog.StoreFailed(logger, e);
            return AdmissionResult.Refused(AdmissionErrors.StoreFailed());
        }
    }

    public async ValueTask SettleAsync(object? ticket, RequestSettlement settlement)
    {
        var admitted = ticket as AdmissionTicket;
        try
        {
            if (admitted is not null && settlement.Caller.RateLimitScopes is { } rateLimitScopes)
            {
                if (admitted.Reservation is { } reservation)
                {
                    // Spend is the truth: the provider's usage, or what was delivered; a call that served nothing costs nothing.
                    var actual = settlement.ActualCost ?? (settlement.Status == 200 ? settlement.EstimatedCost : null);
                    if (actual is { } cost)
                    {
                        await store.Budgets.SettleAsync(reservation, (decimal)cost, CancellationToken.None);
                    }
                    else
                    {
                        await store.Budgets.ReleaseAsync(reservation, CancellationToken.None);
                    }
                }

                var used = settlement.Usage is { } usage ? (long)usage.PromptTokens + usage.CompletionTokens : 0;
                if (used != admitted.EstimatedTokens)
                {
                    await store.RateLimits.AdjustAsync(rateLimitScopes, used - admitted.EstimatedTokens, CancellationToken.None);
                }
            }
        }
        catch (Exception e)
        {
            AdmissionLog.SettleFailed(logger, e);
        }

        await recorder.RecordAsync(settlement, admitted?.Plan ?? settlement.Plan, admitted?.Arrived);
    }

    /// <summary>How a scope is named in refusals, as in traces: <c>tenant:&lt;id&gt;</c>, <c>key:&lt;prefix&gt;</c> (stored) or <c>key:&lt;id&gt;</c> (configured).</summary>
    private static string ScopeName(Caller caller, ScopeKind kind, string id) =>
        kind == ScopeKind.Tenant ? "tenant:" + id : caller.Stored is { } stored ? TenantLayers.KeySource(stored.Key) : "key:" + id;
}

/// <summary>Admission's log messages.</summary>
internal static partial class AdmissionLog
{
    [LoggerMessage(200, LogLevel.Error, "The store failed during admission; the request is refused")]
    public static partial void StoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(201, LogLevel.Error, "Settling a request's budget hold or token estimate failed")]
    public static partial void SettleFailed(ILogger logger, Exception exception);

    [LoggerMessage(202, LogLevel.Error, "Writing a request log record failed")]
    public static partial void RecordFailed(ILogger logger, Exception exception);
}
