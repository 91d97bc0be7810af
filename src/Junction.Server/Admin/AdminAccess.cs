using Junction.Server.Auth;
using Junction.Storage.Keys;

namespace Junction.Server.Admin;

/// <summary>What an admin request may touch.</summary>
internal enum AdminAction
{
    Read,
    Write,

    /// <summary>Platform-only: creating and deleting tenants, their budgets and limits, the audit chain's verification.</summary>
    Platform,
}

/// <summary>
/// Who may do what in the admin API. A platform <c>admin</c> may do everything; a <c>tenant_admin</c> reads and writes
/// its own tenant only; a <c>viewer</c> only reads its own tenant; a <c>member</c> nothing. Another tenant's resources
/// answer 404, so a tenant admin cannot even learn whether they exist.
/// </summary>
internal static class AdminAccess
{
    public static bool IsPlatform(Caller caller) => caller.Role == ApiKeyRole.Admin;

    /// <summary>Null when allowed; else the status and reason to answer with.</summary>
    public static (int Status, string Code, string Detail)? Check(Caller caller, string? tenantId, AdminAction action)
    {
        if (caller.Role == ApiKeyRole.Admin)
        {
            return null;
        }

        if (caller.Role == ApiKeyRole.Member)
        {
            return (403, "role_not_allowed", "A member key may not use the admin API.");
        }

        if (tenantId is not null && !string.Equals(tenantId, caller.TenantId, StringComparison.Ordinal))
        {
            return (404, "not_found", $"No tenant '{tenantId}'.");
        }

        if (action == AdminAction.Platform)
        {
            return (403, "role_not_allowed", "Only a platform admin key may do this.");
        }

        if (action == AdminAction.Write && caller.Role != ApiKeyRole.TenantAdmin)
        {
            return (403, "role_not_allowed", "A viewer key may only read.");
        }

        return null;
    }
}
