using System.Text.Json;
using Junction.Server.Auth;
using Junction.Storage;
using Junction.Storage.Audit;
using Microsoft.AspNetCore.Http.Features;

namespace Junction.Server.Admin;

/// <summary>Shared steps of the admin handlers: the caller and its access, JSON answers, store results as problems, audit entries.</summary>
internal static class AdminResponses
{
    public static Caller Caller(HttpContext context) => context.Features.GetRequiredFeature<Caller>();

    /// <summary>False (and the problem written) when the caller may not do <paramref name="action"/> on <paramref name="tenantId"/>.</summary>
    public static async Task<bool> AllowAsync(HttpContext context, string? tenantId, AdminAction action)
    {
        if (AdminAccess.Check(Caller(context), tenantId, action) is { } refusal)
        {
            await AdminProblems.WriteAsync(context, refusal.Status, refusal.Code, refusal.Detail);
            return false;
        }

        return true;
    }

    public static async Task JsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var bytes = AdminViews.Write(write);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    public static Task InvalidBodyAsync(HttpContext context) =>
        AdminProblems.WriteAsync(context, 400, "invalid_json", "The body must be a JSON object.");

    public static Task InvalidAsync(HttpContext context, IReadOnlyList<FieldError> errors) =>
        AdminProblems.WriteAsync(context, 400, "invalid_fields", "Some fields are invalid; see 'errors'.", errors);

    public static Task NotFoundAsync(HttpContext context, string what) => AdminProblems.WriteAsync(context, 404, "not_found", what);

    /// <summary>Writes the problem for a failed store write.</summary>
    public static Task StoreFailureAsync(HttpContext context, StoreStatus status, string? message) => status switch
    {
        StoreStatus.NotFound => NotFoundAsync(context, message ?? "Not found."),
        StoreStatus.AlreadyExists => AdminProblems.WriteAsync(context, 409, "already_exists", message ?? "It already exists."),
        StoreStatus.VersionConflict => AdminProblems.WriteAsync(context, 409, "version_conflict", "It changed since it was read; read it again and retry."),
        _ => InvalidAsync(context, [FieldFromMessage(message)]),
    };

    /// <summary>Appends who changed what; before and after are views, which never hold secrets.</summary>
    public static Task AuditAsync(HttpContext context, EmbeddedStore store, string action, string target, string? tenantId, string? before, string? after) =>
        store.Audit.AppendAsync(new NewAuditEntry(Caller(context).KeyId, action, target, tenantId, before, after), CancellationToken.None);

    private static FieldError FieldFromMessage(string? message)
    {
        // The store names the field first: "name: must not be empty".
        var text = message ?? "invalid";
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < 40 && !text[..colon].Contains(' ', StringComparison.Ordinal)
            ? new FieldError(text[..colon], text[(colon + 1)..].Trim())
            : new FieldError(text.Split(' ', 2)[0], text);
    }
}
