using System.Collections.Concurrent;
using Junction.Storage.Tenants;

namespace Junction.Storage.Keys;

/// <summary>
/// Caches keys by hash. Each entry remembers the <see cref="ChangeGeneration"/> read before it was loaded; an
/// entry older than the current generation is reloaded, so any change committed before a resolve is seen by it.
/// Only keys that exist are cached: the cache is bounded by the key table, not by what callers send.
/// </summary>
internal sealed class ApiKeyResolver(IApiKeyStore keys, ITenantStore tenants, ChangeGeneration changes, TimeProvider time) : IApiKeyResolver
{
    private readonly ConcurrentDictionary<string, Entry> _byHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string KeyId, string TenantId), ActingEntry> _acting = new();

    public async ValueTask<ApiKeyResolution> ResolveAsync(string presentedSecret, CancellationToken cancellationToken = default)
    {
        var generation = changes.Current;
        if (TryGetCached(presentedSecret, generation, out var cached))
        {
            return Resolution(cached);
        }

        if (string.IsNullOrEmpty(presentedSecret) || presentedSecret.Length > 512)
        {
            return new ApiKeyResolution(ApiKeyStatus.Unknown, null);
        }

        return await LoadAsync(ApiKeySecrets.Hash(presentedSecret), generation, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ApiKeyResolution> ResolveHashAsync(string keyHash, CancellationToken cancellationToken = default)
    {
        if (!ApiKeySecrets.IsWellFormedHash(keyHash))
        {
            return new ApiKeyResolution(ApiKeyStatus.Unknown, null);
        }

        var generation = changes.Current;
        if (_byHash.TryGetValue(keyHash, out var cached) && cached.Generation == generation)
        {
            return Resolution(cached);
        }

        return await LoadAsync(keyHash, generation, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ResolvedApiKey?> ActForTenantAsync(ResolvedApiKey caller, string tenantId, CancellationToken cancellationToken = default)
    {
        if (string.Equals(caller.Tenant.Id, tenantId, StringComparison.Ordinal))
        {
            return caller;
        }

        if (!caller.Key.MayActFor(tenantId))
        {
            return null;
        }

        var generation = changes.Current;
        if (_acting.TryGetValue((caller.Key.Id, tenantId), out var cached) && cached.Generation == generation)
        {
            return cached.Caller;
        }

        var tenant = await tenants.GetAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var acting = tenant is null ? null : new ResolvedApiKey(caller.Key, tenant);
        _acting[(caller.Key.Id, tenantId)] = new ActingEntry(generation, acting);
        return acting;
    }

    private async ValueTask<ApiKeyResolution> LoadAsync(string hash, long generation, CancellationToken cancellationToken)
    {
        if (await keys.FindByHashAsync(hash, cancellationToken).ConfigureAwait(false) is not { } key)
        {
            _byHash.TryRemove(hash, out _);
            return new ApiKeyResolution(ApiKeyStatus.Unknown, null);
        }

        var tenant = await tenants.GetAsync(key.TenantId, cancellationToken).ConfigureAwait(false);
        var entry = new Entry(generation, key, tenant is null ? null : new ResolvedApiKey(key, tenant));
        _byHash[hash] = entry;
        return Resolution(entry);
    }

    private bool TryGetCached(string presentedSecret, long generation, out Entry entry)
    {
        Span<char> hash = stackalloc char[ApiKeySecrets.HashLength];
        if (ApiKeySecrets.TryHash(presentedSecret, hash)
            && _byHash.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(hash, out entry!)
            && entry.Generation == generation)
        {
            return true;
        }

        entry = null!;
        return false;
    }

    private ApiKeyResolution Resolution(Entry entry)
    {
        var key = entry.Key;
        if (key.RevokedAt is not null)
        {
            return new ApiKeyResolution(ApiKeyStatus.Revoked, null);
        }

        if (key.ExpiresAt is { } expires && time.GetUtcNow() >= expires)
        {
            return new ApiKeyResolution(ApiKeyStatus.Expired, null);
        }

        return entry.Caller is null
            ? new ApiKeyResolution(ApiKeyStatus.TenantMissing, null)
            : new ApiKeyResolution(ApiKeyStatus.Valid, entry.Caller);
    }

    private sealed record Entry(long Generation, ApiKey Key, ResolvedApiKey? Caller);

    private sealed record ActingEntry(long Generation, ResolvedApiKey? Caller);
}
