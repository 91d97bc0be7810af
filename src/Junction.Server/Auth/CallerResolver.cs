using System.Runtime.CompilerServices;
using Junction.Server.Routing;
using Junction.Storage;
using Junction.Storage.Keys;

namespace Junction.Server.Auth;

/// <summary>How resolving a presented key ended.</summary>
internal enum CallerStatus
{
    Ok,

    /// <summary>Unknown, revoked or expired key: 401.</summary>
    Invalid,

    /// <summary>The key named a tenant it may not act for: 403.</summary>
    TenantNotAllowed,

    /// <summary>The store failed or the tenant's stored policy is unusable: refused (fail closed), 503.</summary>
    Unavailable,
}

/// <summary>The answer of <see cref="CallerResolver.ResolveAsync"/>.</summary>
internal readonly record struct CallerResolution(CallerStatus Status, Caller? Caller);

/// <summary>
/// Turns a presented key into a <see cref="Caller"/>: first the keys declared in configuration (and local mode's key
/// while it is on), then the store's resolver, whose cache a revocation invalidates at once. A platform key may name
/// another tenant it lists in <c>allowed_tenants</c>; spend, limits and logs then go to that tenant.
/// </summary>
internal sealed class CallerResolver(ApiKeyDirectory directory, EmbeddedStore store, TenantLayers layers, LocalModeState localMode, ILogger<CallerResolver> logger)
{
    // One Caller per resolved key instance: the store's resolver builds a new instance whenever keys or tenants
    // change, so a Caller (and its compiled-policy cache) never outlives the versions it was built from.
    private readonly ConditionalWeakTable<ResolvedApiKey, Caller> _callers = new();

    public async ValueTask<CallerResolution> ResolveAsync(string presentedKey, string? actingTenant, CancellationToken cancellationToken)
    {
        if (directory.TryAuthenticate(presentedKey, out var configured))
        {
            return ForConfigured(configured, actingTenant);
        }

        return await ForStoreAsync(presentedKey, isHash: false, actingTenant, cancellationToken);
    }

    /// <summary>Like <see cref="ResolveAsync"/> from the key's stored hash (a Control Center session); revocation and expiry apply alike.</summary>
    public async ValueTask<CallerResolution> ResolveHashAsync(string keyHash, string? actingTenant, CancellationToken cancellationToken)
    {
        if (directory.TryGetByHash(keyHash, out var configured))
        {
            return ForConfigured(configured, actingTenant);
        }

        return await ForStoreAsync(keyHash, isHash: true, actingTenant, cancellationToken);
    }

    private CallerResolution ForConfigured(Caller configured, string? actingTenant)
    {
        if (configured.IsLocal && !localMode.IsActive)
        {
            return new(CallerStatus.Invalid, null);
        }

        return actingTenant is null || string.Equals(actingTenant, configured.TenantId, StringComparison.Ordinal)
            ? new(CallerStatus.Ok, configured)
            : new(CallerStatus.TenantNotAllowed, null);
    }

    private async ValueTask<CallerResolution> ForStoreAsync(string keyOrHash, bool isHash, string? actingTenant, CancellationToken cancellationToken)
    {
        try
        {
            var resolution = isHash
                ? await store.KeyResolver.ResolveHashAsync(keyOrHash, cancellationToken)
                : await store.KeyResolver.ResolveAsync(keyOrHash, cancellationToken);
            if (!resolution.IsValid)
            {
                return new(CallerStatus.Invalid, null);
            }

            var resolved = resolution.Caller!;
            if (actingTenant is not null && !string.Equals(actingTenant, resolved.Tenant.Id, StringComparison.Ordinal))
            {
                if (await store.KeyResolver.ActForTenantAsync(resolved, actingTenant, cancellationToken) is not { } acting)
                {
                    return new(CallerStatus.TenantNotAllowed, null);
                }

                resolved = acting;
            }

            return ForStored(resolved);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            AuthLog.StoreFailed(logger, e);
            return new(CallerStatus.Unavailable, null);
        }
    }

    private CallerResolution ForStored(ResolvedApiKey resolved)
    {
        if (_callers.TryGetValue(resolved, out var caller))
        {
            return new(CallerStatus.Ok, caller);
        }

        var stored = layers.Build(resolved.Tenant, resolved.Key, out var error);
        if (error is not null)
        {
            AuthLog.StoredPolicyInvalid(logger, resolved.Tenant.Id, error);
            return new(CallerStatus.Unavailable, null);
        }

        caller = new Caller(resolved.Tenant.Id, resolved.Tenant.Name, resolved.Key.Id, stored)
        {
            Role = resolved.Key.Role,
            Stored = resolved,
            LoggingMode = resolved.Tenant.LoggingMode,
        };
        return new(CallerStatus.Ok, _callers.GetValue(resolved, _ => caller));
    }
}

/// <summary>Authentication's log messages.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(100, LogLevel.Error, "The store failed while authenticating a key; the request is refused")]
    public static partial void StoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(101, LogLevel.Error, "Tenant {TenantId} has a stored policy that does not parse ({Error}); its requests are refused")]
    public static partial void StoredPolicyInvalid(ILogger logger, string tenantId, string error);
}
