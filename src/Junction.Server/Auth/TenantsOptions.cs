namespace Junction.Server.Auth;

/// <summary>The tenants and their API keys (<c>Junction:Tenants</c>); none at all means local mode.</summary>
public sealed class TenantsOptions
{
    public List<TenantOptions> Tenants { get; set; } = [];
}

/// <summary>One tenant: its id (used in traces as <c>tenant:{id}</c>), a display name, its stored policy and keys.</summary>
public sealed class TenantOptions
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }

    /// <summary>A <c>junction-pol/v1</c> object (or its JSON text) applied to every request of the tenant.</summary>
    public IConfigurationSection? Policy { get; set; }

    public List<ApiKeyOptions> Keys { get; set; } = [];
}

/// <summary>One API key, kept only as <c>sha256:&lt;hex&gt;</c> (see <c>junction hash-key</c>).</summary>
public sealed class ApiKeyOptions
{
    public string Id { get; set; } = "";

    public string Hash { get; set; } = "";

    /// <summary>An optional policy that narrows the tenant's policy further for requests made with this key.</summary>
    public IConfigurationSection? Policy { get; set; }
}
