using Junction.Core.Policy.Ast;

namespace Junction.Server.Ingress;

/// <summary>
/// What a caller asked of the router for one request, from the body's root <c>junction</c> object or the
/// <c>X-Junction-*</c> headers (the body wins knob by knob). Removed before the request goes upstream.
/// </summary>
internal sealed class RoutingKnobs
{
    /// <summary>A strategy name as given (<c>lowest-cost</c>, <c>balanced</c>, ...).</summary>
    public string? Strategy { get; set; }

    /// <summary>Where <see cref="Strategy"/> came from, for error params.</summary>
    public string StrategyParam { get; set; } = "junction.strategy";

    public double? MaxCost { get; set; }

    /// <summary>The request's own <c>junction-pol/v1</c> policy, already validated.</summary>
    public PolicyDocument? Policy { get; set; }

    /// <summary>A model to force, as given (catalog id or <c>provider/model</c>).</summary>
    public string? ForceModel { get; set; }

    public string ForceModelParam { get; set; } = "junction.force_model";

    /// <summary>Free-form labels for logs and reports.</summary>
    public IReadOnlyList<string>? Tags { get; set; }

    /// <summary>The end customer a platform key acts for, named in the body (<see cref="ActingTenant"/>).</summary>
    public string? Tenant { get; set; }

    /// <summary>Where <see cref="Tenant"/> came from, for error params.</summary>
    public string TenantParam { get; set; } = "junction.tenant";

    /// <summary>True when no knob is set.</summary>
    public bool IsEmpty => Strategy is null && MaxCost is null && Policy is null && ForceModel is null && Tags is null;
}
