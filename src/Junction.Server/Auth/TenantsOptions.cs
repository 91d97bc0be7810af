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

    /// <summary>Spend limit in USD per UTC day for the whole tenant; none when unset.</summary>
    public decimal? DailyBudget { get; set; }

    /// <summary>Spend limit in USD per UTC calendar month for the whole tenant; none when unset.</summary>
    public decimal? MonthlyBudget { get; set; }

    /// <summary>Requests per minute for the whole tenant; none when unset.</summary>
    public int? Rpm { get; set; }

    /// <summary>Tokens per minute for the whole tenant; none when unset.</summary>
    public int? Tpm { get; set; }

    /// <summary><c>full</c> keeps request and response bodies in the request log (unless <c>no_log</c>); <c>metadata</c> (the default) never does.</summary>
    public string? LoggingMode { get; set; }

    public List<ApiKeyOptions> Keys { get; set; } = [];
}

/// <summary>One API key, kept only as <c>sha256:&lt;hex&gt;</c> (see <c>junction hash-key</c>).</summary>
public sealed class ApiKeyOptions
{
    public string Id { get; set; } = "";

    public string Hash { get; set; } = "";

    /// <summary>An optional policy that narrows the tenant's policy further for requests made with this key.</summary>
    public IConfigurationSection? Policy { get; set; }

    /// <summary>This key's own daily spend limit in USD, within the tenant's.</summary>
    public decimal? DailyBudget { get; set; }

    /// <summary>This key's own monthly spend limit in USD, within the tenant's.</summary>
    public decimal? MonthlyBudget { get; set; }

    /// <summary>This key's own requests per minute, within the tenant's.</summary>
    public int? Rpm { get; set; }

    /// <summary>This key's own tokens per minute, within the tenant's.</summary>
    public int? Tpm { get; set; }
}
