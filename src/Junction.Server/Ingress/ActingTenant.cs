using Junction.Server.Auth;
using Junction.Server.Ingress.OpenAI;

namespace Junction.Server.Ingress;

/// <summary>
/// Applies the tenant a platform key names in the request body (<c>junction.tenant</c>; <c>tenant</c> on the native
/// API). Authentication ran before the body was read, so the acting tenant is resolved here, by the same rule as
/// <c>X-Junction-Tenant</c>: only tenants the key lists in <c>allowed_tenants</c> (403 <c>tenant_not_allowed</c>),
/// and a header and a body field that both name a tenant must agree (400 naming the field). The resolved caller
/// replaces the request's, so spend, limits and logs go to the named tenant. Requests that name no tenant pay nothing.
/// </summary>
internal static class ActingTenant
{
    /// <summary>The caller the request acts as, or the error to answer with.</summary>
    public static async ValueTask<(Caller? Caller, ApiError? Error)> ResolveAsync(HttpContext context, Caller caller, RoutingKnobs knobs)
    {
        if (knobs.Tenant is not { } named)
        {
            return (caller, null);
        }

        var header = context.Request.Headers[ApiKeyAuthenticationMiddleware.TenantHeader];
        if (header.Count > 0 && !string.Equals(header[0], named, StringComparison.Ordinal))
        {
            return (null, ApiErrors.BadField(
                knobs.TenantParam,
                $"'{knobs.TenantParam}' names tenant '{named}' but the {ApiKeyAuthenticationMiddleware.TenantHeader} header names '{header[0]}'; name it once, or the same in both."));
        }

        var resolver = context.RequestServices.GetRequiredService<CallerResolver>();
        var resolution = await resolver.ActForAsync(caller, named, context.RequestAborted);
        switch (resolution.Status)
        {
            case CallerStatus.Ok:
                context.Features.Set(resolution.Caller!);
                return (resolution.Caller, null);
            case CallerStatus.Unavailable:
                return (null, ApiErrors.AuthorizationUnavailable());
            default:
                return (null, ApiErrors.TenantNotAllowed(named, knobs.TenantParam));
        }
    }
}
