namespace Junction.Server.Routing;

/// <summary>Host-wide routing settings (<c>Junction</c>): the host floor policy and the catalog override file.</summary>
public sealed class RoutingOptions
{
    /// <summary>A <c>junction-pol/v1</c> object applied beneath every tenant (<c>Junction:HostPolicy</c>).</summary>
    public IConfigurationSection? HostPolicy { get; set; }

    public CatalogOptions Catalog { get; set; } = new();
}

/// <summary>Where the catalog comes from (<c>Junction:Catalog</c>).</summary>
public sealed class CatalogOptions
{
    /// <summary>A JSON file whose entries replace or add to the built-in catalog (the CLI's <c>--catalog</c>).</summary>
    public string? OverrideFile { get; set; }
}
