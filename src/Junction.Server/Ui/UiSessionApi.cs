using System.Text.Json;
using Junction.Server.Admin;
using Junction.Server.Auth;
using Junction.Server.Ingress.OpenAI;
using Junction.Storage.Keys;
using static Junction.Server.Admin.AdminResponses;

namespace Junction.Server.Ui;

/// <summary>
/// The Control Center's sign-in under <c>/ui/api/session</c>: trade an API key of role admin, tenant_admin or viewer
/// for the <c>junction_ui</c> cookie (<see cref="UiSessionCookie"/>), read the session back, or sign out.
/// Errors are problem details, as in the admin API.
/// </summary>
internal static class UiSessionApi
{
    public const string Path = "/ui/api/session";

    public static IEndpointRouteBuilder MapUiSessionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, SignInAsync);
        app.MapGet(Path, ShowAsync);
        app.MapDelete(Path, SignOut);
        return app;
    }

    private static async Task SignInAsync(HttpContext context, CallerResolver resolver, UiSessionCookie cookies)
    {
        // Signing in sets a cookie, so it is guarded like every other cookie-borne change: a cross-site form cannot
        // send the header (and cannot sign a browser in to someone else's session).
        if (!UiSessionCookie.HasCsrfHeader(context.Request))
        {
            await CsrfHeaderMissingAsync(context);
            return;
        }

        if (await AdminBody.ReadAsync(context) is not { } body)
        {
            await InvalidBodyAsync(context);
            return;
        }

        var key = body.String("key");
        if (string.IsNullOrWhiteSpace(key))
        {
            body.Errors.Add(new FieldError("key", "is required"));
        }

        if (body.Errors.Count > 0)
        {
            await InvalidAsync(context, body.Errors);
            return;
        }

        key = key!.Trim();
        var resolution = await resolver.ResolveAsync(key, actingTenant: null, context.RequestAborted);
        if (await RefuseAsync(context, resolution))
        {
            return;
        }

        var caller = resolution.Caller!;
        var ticket = cookies.Issue(context, ApiKeySecrets.Hash(key), caller.Stored?.Key.Prefix ?? ApiKeySecrets.VisiblePrefix(key));
        await JsonAsync(context, 200, w => Session(w, caller, ticket));
    }

    private static async Task ShowAsync(HttpContext context, CallerResolver resolver, UiSessionCookie cookies)
    {
        if (!cookies.TryRead(context.Request, out var ticket))
        {
            await NotSignedInAsync(context);
            return;
        }

        var resolution = await resolver.ResolveHashAsync(ticket.KeyHash, actingTenant: null, context.RequestAborted);
        if (resolution.Status == CallerStatus.Invalid)
        {
            UiSessionCookie.Clear(context);
            await NotSignedInAsync(context);
            return;
        }

        if (await RefuseAsync(context, resolution))
        {
            return;
        }

        await JsonAsync(context, 200, w => Session(w, resolution.Caller!, ticket));
    }

    private static IResult SignOut(HttpContext context)
    {
        UiSessionCookie.Clear(context);
        return TypedResults.NoContent();
    }

    /// <summary>True (and the problem written) unless the key resolved to a caller that may sign in.</summary>
    private static async Task<bool> RefuseAsync(HttpContext context, CallerResolution resolution)
    {
        switch (resolution.Status)
        {
            case CallerStatus.Invalid:
            case CallerStatus.TenantNotAllowed:
                await AdminProblems.WriteAsync(context, 401, "invalid_api_key", "Invalid API key: unknown, revoked or expired.");
                return true;
            case CallerStatus.Unavailable:
                var unavailable = ApiErrors.AuthorizationUnavailable();
                await AdminProblems.WriteAsync(context, unavailable.Status, unavailable.Code!, unavailable.Message);
                return true;
        }

        if (resolution.Caller!.Role == ApiKeyRole.Member)
        {
            await AdminProblems.WriteAsync(context, 403, "role_not_allowed", "Only admin, tenant_admin and viewer keys may sign in to the Control Center.");
            return true;
        }

        return false;
    }

    /// <summary>Why a missing, tampered, expired or revoked session is a 401 (<c>not_signed_in</c>).</summary>
    public const string NotSignedInDetail = "Not signed in, or the session has ended; sign in again.";

    /// <summary>Why a state-changing request that relies on the cookie without <c>X-Junction-UI: 1</c> is a 403 (<c>csrf_header_missing</c>).</summary>
    public const string CsrfHeaderMissingDetail = "A request signed in by the Control Center's cookie must send 'X-Junction-UI: 1' to change anything.";

    private static Task NotSignedInAsync(HttpContext context) => AdminProblems.WriteAsync(context, 401, "not_signed_in", NotSignedInDetail);

    private static Task CsrfHeaderMissingAsync(HttpContext context) => AdminProblems.WriteAsync(context, 403, "csrf_header_missing", CsrfHeaderMissingDetail);

    private static void Session(Utf8JsonWriter w, Caller caller, UiSessionTicket ticket)
    {
        w.WriteStartObject();
        w.WriteString("key_id", caller.KeyId);
        w.WriteString("key_prefix", ticket.KeyPrefix);
        w.WriteString("role", ApiKeyRoles.ToWire(caller.Role));
        w.WriteString("tenant_id", caller.TenantId);
        w.WriteString("tenant_name", caller.TenantName);
        w.WriteString("expires_at", ticket.ExpiresAt);
        w.WriteEndObject();
    }
}
