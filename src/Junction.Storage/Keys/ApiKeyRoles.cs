namespace Junction.Storage.Keys;

/// <summary>The wire names of <see cref="ApiKeyRole"/>: <c>admin</c>, <c>tenant_admin</c>, <c>member</c>, <c>viewer</c>.</summary>
public static class ApiKeyRoles
{
    public static string ToWire(ApiKeyRole role) => role switch
    {
        ApiKeyRole.Admin => "admin",
        ApiKeyRole.TenantAdmin => "tenant_admin",
        ApiKeyRole.Member => "member",
        _ => "viewer",
    };

    public static bool TryParse(string? value, out ApiKeyRole role)
    {
        (var known, role) = value switch
        {
            "admin" => (true, ApiKeyRole.Admin),
            "tenant_admin" => (true, ApiKeyRole.TenantAdmin),
            "member" => (true, ApiKeyRole.Member),
            "viewer" => (true, ApiKeyRole.Viewer),
            _ => (false, ApiKeyRole.Viewer),
        };
        return known;
    }

    /// <summary>Parses a stored role; an unknown one reads as <see cref="ApiKeyRole.Viewer"/>, the role that may do least.</summary>
    internal static ApiKeyRole FromWire(string value) => TryParse(value, out var role) ? role : ApiKeyRole.Viewer;
}
