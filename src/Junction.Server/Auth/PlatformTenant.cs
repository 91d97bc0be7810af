namespace Junction.Server.Auth;

/// <summary>The tenant platform administrators' keys belong to; it is not an end customer and does not turn local mode off.</summary>
internal static class PlatformTenant
{
    public const string Id = "platform";

    /// <summary>The key id a configured admin key (<c>Junction:Admin:KeyHash</c>) acts as in the audit log.</summary>
    public const string ConfiguredAdminKeyId = "config-admin";
}
