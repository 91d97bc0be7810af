using Junction.Server.Admin;
using Junction.Server.Ingress.OpenAI;
using Junction.Server.Ui;
using Junction.Storage.Keys;

namespace Junction.Server.Auth;

/// <summary>Marks an endpoint (or a route group) as requiring an API key.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
internal sealed class RequiresApiKeyAttribute : Attribute
{
    /// <summary>An <c>/admin</c> endpoint: errors are ProblemDetails, and roles are checked by the endpoint itself.</summary>
    public bool Admin { get; init; }

    /// <summary>The dialect errors are written in; <see cref="ApiDialect.Anthropic"/> also accepts the key as <c>x-api-key</c>.</summary>
    public ApiDialect Dialect { get; init; }

    /// <summary>
    /// Also accepts the Control Center's session cookie when no key header is sent (<c>/admin</c> and <c>/x</c> only:
    /// model traffic authenticates with keys alone).
    /// </summary>
    public bool AcceptsSession { get; init; }
}

/// <summary>Which API family an endpoint belongs to, for its key header and error shape.</summary>
internal enum ApiDialect
{
    OpenAI,
    Anthropic,
    Native,
}

/// <summary>
/// Authenticates <c>Authorization: Bearer jk_...</c> for endpoints marked <see cref="RequiresApiKeyAttribute"/>
/// and puts the <see cref="Caller"/> on the request's features. A platform key may name the tenant it acts for in
/// <c>X-Junction-Tenant</c>. Viewers may only read the admin API. Where the endpoint accepts it and no key header is
/// sent, the Control Center's session cookie stands for the key (<see cref="UiSessionCookie"/>); a request it
/// authenticates may change something only with <c>X-Junction-UI: 1</c>, which a cross-site page cannot send.
/// </summary>
internal sealed class ApiKeyAuthenticationMiddleware(RequestDelegate next, CallerResolver resolver, UiSessionCookie sessions)
{
    public const string TenantHeader = "X-Junction-Tenant";

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<RequiresApiKeyAttribute>() is not { } requirement)
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization;
        if (requirement.Dialect == ApiDialect.Anthropic && header.Count == 0)
        {
            // Anthropic's SDKs send the key as x-api-key; a bearer token works too.
            header = context.Request.Headers["x-api-key"];
            if (header.Count == 1 && !string.IsNullOrWhiteSpace(header[0]))
            {
                header = "Bearer " + header[0]!.Trim();
            }
        }

        var tenants = context.Request.Headers[TenantHeader];
        var acting = tenants.Count == 0 ? null : tenants[0];
        if (header.Count == 0 && requirement.AcceptsSession && UiSessionCookie.IsPresent(context.Request))
        {
            await AuthenticateSessionAsync(context, requirement, acting);
            return;
        }

        if (header.Count != 1 || !TryGetBearer(header[0], out var key))
        {
            await FailAsync(context, requirement, ApiErrors.MissingApiKey());
            return;
        }

        await ContinueAsAsync(context, requirement, await resolver.ResolveAsync(key, acting, context.RequestAborted), acting);
    }

    private static readonly ApiError NotSignedIn = new(401, "authentication_error", "not_signed_in", UiSessionApi.NotSignedInDetail);

    private async Task AuthenticateSessionAsync(HttpContext context, RequiresApiKeyAttribute requirement, string? acting)
    {
        if (!sessions.TryRead(context.Request, out var ticket))
        {
            await FailAsync(context, requirement, NotSignedIn);
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !UiSessionCookie.HasCsrfHeader(context.Request))
        {
            await FailAsync(context, requirement, new ApiError(403, "permission_error", "csrf_header_missing", UiSessionApi.CsrfHeaderMissingDetail));
            return;
        }

        var resolution = await resolver.ResolveHashAsync(ticket.KeyHash, acting, context.RequestAborted);
        if (resolution.Status == CallerStatus.Invalid)
        {
            await FailAsync(context, requirement, NotSignedIn);
            return;
        }

        if (resolution.Caller is { Role: ApiKeyRole.Member })
        {
            // A key whose role was lowered to member after signing in: the session no longer stands.
            await FailAsync(context, requirement, new ApiError(403, "permission_error", "role_not_allowed", "A member key may not use the Control Center."));
            return;
        }

        await ContinueAsAsync(context, requirement, resolution, acting);
    }

    private async Task ContinueAsAsync(HttpContext context, RequiresApiKeyAttribute requirement, CallerResolution resolution, string? acting)
    {
        switch (resolution.Status)
        {
            case CallerStatus.Invalid:
                await FailAsync(context, requirement, ApiErrors.InvalidApiKey());
                return;
            case CallerStatus.TenantNotAllowed:
                await FailAsync(context, requirement, ApiErrors.TenantNotAllowed(acting, TenantHeader));
                return;
            case CallerStatus.Unavailable:
                await FailAsync(context, requirement, ApiErrors.AuthorizationUnavailable());
                return;
        }

        var caller = resolution.Caller!;
        if (!requirement.Admin && caller.Role == ApiKeyRole.Viewer)
        {
            await FailAsync(context, requirement, new ApiError(403, "permission_error", "role_not_allowed", "A viewer key may only read the admin API."));
            return;
        }

        context.Features.Set(caller);
        await next(context);
    }

    private static Task FailAsync(HttpContext context, RequiresApiKeyAttribute requirement, ApiError error) =>
        requirement.Admin || requirement.Dialect == ApiDialect.Native
            ? AdminProblems.WriteAsync(context, error.Status, error.Code ?? "error", error.Message)
            : requirement.Dialect == ApiDialect.Anthropic ? Ingress.Anthropic.AnthropicErrorWriter.WriteAsync(context, error) : OpenAIErrorWriter.WriteAsync(context, error);

    private static bool TryGetBearer(string? value, out string key)
    {
        var span = value.AsSpan().Trim();
        if (span.Length > 7 && span.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = span[7..].Trim().ToString();
            return key.Length > 0;
        }

        key = "";
        return false;
    }
}
