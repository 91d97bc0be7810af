using System.Collections.Immutable;
using Junction.Core.Routing;
using Junction.Server.Hosting;
using Junction.Server.Routing;
using Junction.Storage.Keys;

namespace Junction.Server.Auth;

/// <summary>
/// Builds the <see cref="ApiKeyDirectory"/> from configuration at startup: validates tenants, keys and their
/// policies (every problem reported at once) and the configured admin key; with no tenant configured and none in the
/// store, sets up local mode.
/// </summary>
internal static class ApiKeyDirectoryFactory
{
    public static ApiKeyDirectory Create(TenantsOptions options, ImmutableArray<PolicyLayer> hostLayers, ServerOptions server, ILogger logger) =>
        Create(options, new AdminOptions(), storeHasTenants: false, hostLayers, server, logger);

    public static ApiKeyDirectory Create(TenantsOptions options, AdminOptions admin, bool storeHasTenants, ImmutableArray<PolicyLayer> hostLayers, ServerOptions server, ILogger logger)
    {
        var errors = new List<string>();
        var callers = new Dictionary<string, Caller>(StringComparer.Ordinal);
        if (admin.KeyHash is { Length: > 0 } adminHash)
        {
            if (!ApiKeySecrets.IsWellFormedHash(adminHash))
            {
                throw new GatewayConfigurationException($"{AdminOptions.SectionName}:KeyHash: expected 'sha256:' and 64 lowercase hex digits (run 'junction hash-key <secret>')");
            }

            var platformLayer = new PolicyLayer(LayerKind.Tenant, $"tenant:{PlatformTenant.Id}", Core.Policy.Ast.PolicyDocument.Empty);
            callers[adminHash] = new Caller(PlatformTenant.Id, "Platform", PlatformTenant.ConfiguredAdminKeyId, hostLayers.Add(platformLayer)) { Role = Storage.Keys.ApiKeyRole.Admin };
        }

        if (options.Tenants.Count == 0)
        {
            return storeHasTenants ? new ApiKeyDirectory(callers, isLocalMode: false) : CreateLocal(hostLayers, server, logger, callers);
        }

        var tenantIds = new HashSet<string>(StringComparer.Ordinal);
        var keyIds = new HashSet<string>(StringComparer.Ordinal);
        for (var t = 0; t < options.Tenants.Count; t++)
        {
            var tenant = options.Tenants[t];
            var tenantPath = $"Junction:Tenants:{t}";
            if (string.IsNullOrWhiteSpace(tenant.Id))
            {
                errors.Add($"{tenantPath}:Id: a tenant needs an id");
                continue;
            }

            if (!tenantIds.Add(tenant.Id))
            {
                errors.Add($"{tenantPath}:Id: duplicate tenant id '{tenant.Id}'");
            }

            var tenantPolicy = StoredPolicyReader.Read(tenant.Policy, $"{tenantPath}:Policy", errors);
            var tenantLayer = new PolicyLayer(LayerKind.Tenant, $"tenant:{tenant.Id}", tenantPolicy ?? Core.Policy.Ast.PolicyDocument.Empty);
            ConfiguredLimits.Validate(tenantPath, tenant.DailyBudget, tenant.MonthlyBudget, tenant.Rpm, tenant.Tpm, errors);
            var loggingMode = ConfiguredLimits.LoggingModeOf(tenant, tenantPath, errors);
            if (tenant.Keys.Count == 0)
            {
                errors.Add($"{tenantPath}:Keys: tenant '{tenant.Id}' has no API key");
            }

            for (var k = 0; k < tenant.Keys.Count; k++)
            {
                var key = tenant.Keys[k];
                var keyPath = $"{tenantPath}:Keys:{k}";
                if (string.IsNullOrWhiteSpace(key.Id))
                {
                    errors.Add($"{keyPath}:Id: a key needs an id");
                    continue;
                }

                if (!keyIds.Add(key.Id))
                {
                    errors.Add($"{keyPath}:Id: duplicate key id '{key.Id}'");
                }

                if (!ApiKeySecrets.IsWellFormedHash(key.Hash))
                {
                    errors.Add($"{keyPath}:Hash: expected 'sha256:' and 64 lowercase hex digits (run 'junction hash-key <secret>')");
                    continue;
                }

                var keyPolicy = StoredPolicyReader.Read(key.Policy, $"{keyPath}:Policy", errors);
                ConfiguredLimits.Validate(keyPath, key.DailyBudget, key.MonthlyBudget, key.Rpm, key.Tpm, errors);
                var layers = keyPolicy is null
                    ? hostLayers.Add(tenantLayer)
                    : hostLayers.Add(tenantLayer).Add(new PolicyLayer(LayerKind.Key, $"key:{key.Id}", keyPolicy));
                var caller = new Caller(tenant.Id, tenant.Name ?? tenant.Id, key.Id, layers)
                {
                    LoggingMode = loggingMode,
                    BudgetScopes = ConfiguredLimits.BudgetScopes(tenant, key),
                    RateLimitScopes = ConfiguredLimits.RateLimitScopes(tenant, key),
                };
                if (!callers.TryAdd(key.Hash, caller))
                {
                    errors.Add($"{keyPath}:Hash: the same key is configured twice");
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new GatewayConfigurationException("Invalid tenant configuration:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors));
        }

        GatewayLog.TenantsLoaded(logger, tenantIds.Count, callers.Count);
        return new ApiKeyDirectory(callers, isLocalMode: false);
    }

    private static ApiKeyDirectory CreateLocal(ImmutableArray<PolicyLayer> hostLayers, ServerOptions server, ILogger logger, Dictionary<string, Caller> callers)
    {
        if (!server.IsLoopback)
        {
            throw new GatewayConfigurationException(
                $"No tenants are configured (nor stored), so Junction would run in local mode with the public development key '{ApiKeyDirectory.LocalKey}'. " +
                $"Local mode only listens on a loopback address, and '{server.Host}' is not one. " +
                "Configure tenants (Junction:Tenants, see docs/configuration.md) or bind to 127.0.0.1.");
        }

        GatewayLog.LocalMode(logger, ApiKeyDirectory.LocalKey);
        var tenantLayer = new PolicyLayer(LayerKind.Tenant, $"tenant:{ApiKeyDirectory.LocalTenantId}", Core.Policy.Ast.PolicyDocument.Empty);
        callers[ApiKeySecrets.Hash(ApiKeyDirectory.LocalKey)] = new Caller(ApiKeyDirectory.LocalTenantId, "Local development", "local", hostLayers.Add(tenantLayer)) { IsLocal = true };
        return new ApiKeyDirectory(callers, isLocalMode: true);
    }
}
