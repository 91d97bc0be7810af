namespace Junction.Server.Auth;

/// <summary>The platform administrator's key (<c>Junction:Admin</c>). Without one, the first start generates a key into the store.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Junction:Admin";

    /// <summary><c>sha256:</c> + 64 hex digits of the admin key (see <c>junction hash-key</c>).</summary>
    public string? KeyHash { get; set; }
}
