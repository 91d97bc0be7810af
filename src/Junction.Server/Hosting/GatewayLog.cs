namespace Junction.Server.Hosting;

/// <summary>The gateway's log messages, source-generated.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(1, LogLevel.Warning, "Local mode: no tenants are configured, so the development key {LocalKey} is accepted. Only this machine can connect. Configure Junction:Tenants before exposing the gateway.")]
    public static partial void LocalMode(ILogger logger, string localKey);

    [LoggerMessage(2, LogLevel.Information, "Loaded {TenantCount} tenants with {KeyCount} API keys")]
    public static partial void TenantsLoaded(ILogger logger, int tenantCount, int keyCount);

    [LoggerMessage(3, LogLevel.Information, "Simulator listening at {BaseUrl}; it serves providers without credentials: {Providers}")]
    public static partial void SimulatorStarted(ILogger logger, Uri baseUrl, string providers);

    [LoggerMessage(4, LogLevel.Warning, "No credentials and no simulator for providers {Providers}: their models are not routable")]
    public static partial void ProvidersUnavailable(ILogger logger, string providers);

    [LoggerMessage(5, LogLevel.Information, "Provider {ProviderId} at {BaseUrl}")]
    public static partial void ProviderConfigured(ILogger logger, string providerId, Uri baseUrl);

    [LoggerMessage(6, LogLevel.Information, "Catalog {CatalogVersion} loaded with {ModelCount} models")]
    public static partial void CatalogLoaded(ILogger logger, string catalogVersion, int modelCount);

    [LoggerMessage(7, LogLevel.Warning, "Attempt {Attempt} on {Model} ({Provider}) failed: {ErrorKind} {Status}")]
    public static partial void AttemptFailed(ILogger logger, int attempt, string model, string provider, string errorKind, int? status);

    [LoggerMessage(8, LogLevel.Warning, "Stream from {Model} failed after content was sent: {ErrorKind}")]
    public static partial void StreamFailedAfterContent(ILogger logger, string model, string errorKind);

    [LoggerMessage(9, LogLevel.Error, "Unhandled error on {Path}")]
    public static partial void UnhandledError(ILogger logger, PathString path, Exception exception);

    [LoggerMessage(20, LogLevel.Warning, "Circuit of {Model} went from {From} to {To} ({Reason})")]
    public static partial void CircuitChanged(ILogger logger, string model, string from, string to, string reason);
}
