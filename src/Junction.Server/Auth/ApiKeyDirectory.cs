using System.Collections.Frozen;
using System.Text;
using Junction.Core.Policy;
using Junction.Core.Routing;
using Junction.Storage.Keys;
using Junction.Storage.Tenants;

namespace Junction.Server.Auth;

/// <summary>Finds the <see cref="Caller"/> of an API key by the key's hash. Immutable; built once at startup.</summary>
internal sealed class ApiKeyDirectory
{
    private readonly FrozenDictionary<string, Caller>.AlternateLookup<ReadOnlySpan<char>> _byHash;

    public ApiKeyDirectory(IReadOnlyDictionary<string, Caller> callersByHash, bool isLocalMode)
    {
        // The hash is the lookup key, so comparing keys never touches the secret itself: a caller learns
        // nothing from timing beyond whether some key with that SHA-256 exists.
        _byHash = callersByHash.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        IsLocalMode = isLocalMode;
        ConfiguredTenants = TenantsOf(callersByHash.Values);
    }

    /// <summary>
    /// The tenants whose keys are declared in configuration (and local mode's <c>local</c> tenant), by id, as read-only
    /// views for the admin API: they live in configuration, not in the store.
    /// </summary>
    public IReadOnlyList<Tenant> ConfiguredTenants { get; }

    /// <summary>True when no tenant is configured and the documented local key is in force.</summary>
    public bool IsLocalMode { get; }

    /// <summary>The key every local-mode install answers to (documented in the README).</summary>
    public const string LocalKey = "jk_local_dev";

    /// <summary>The tenant id of local mode.</summary>
    public const string LocalTenantId = "local";

    /// <summary>Authenticates a presented key; allocation-free.</summary>
    public bool TryAuthenticate(ReadOnlySpan<char> presentedKey, out Caller caller)
    {
        Span<char> hash = stackalloc char[ApiKeySecrets.HashLength];
        if (presentedKey.IsEmpty || !ApiKeySecrets.TryHash(presentedKey, hash))
        {
            caller = null!;
            return false;
        }

        return _byHash.TryGetValue(hash, out caller!);
    }

    /// <summary>The configured tenant with <paramref name="id"/>, if any.</summary>
    public Tenant? FindConfiguredTenant(string id)
    {
        foreach (var tenant in ConfiguredTenants)
        {
            if (tenant.Id == id)
            {
                return tenant;
            }
        }

        return null;
    }

    /// <summary>Finds a configured key by its stored hash (a Control Center session holds the hash, never the key).</summary>
    public bool TryGetByHash(ReadOnlySpan<char> keyHash, out Caller caller) => _byHash.TryGetValue(keyHash, out caller!);

    private static List<Tenant> TenantsOf(IEnumerable<Caller> callers)
    {
        var tenants = new SortedDictionary<string, Tenant>(StringComparer.Ordinal);
        foreach (var caller in callers)
        {
            if (caller.TenantId == PlatformTenant.Id || tenants.ContainsKey(caller.TenantId))
            {
                continue; // the configured admin key acts for the platform, not for a customer
            }

            string? policy = null;
            foreach (var layer in caller.StoredLayers)
            {
                if (layer.Kind == LayerKind.Tenant && !ReferenceEquals(layer.Document, Core.Policy.Ast.PolicyDocument.Empty))
                {
                    policy = Encoding.UTF8.GetString(PolicyCanonicalizer.ToCanonicalJson(layer.Document));
                }
            }

            tenants[caller.TenantId] = new Tenant { Id = caller.TenantId, Name = caller.TenantName, PolicyJson = policy };
        }

        return [.. tenants.Values];
    }
}
