using System.Collections.Concurrent;
using System.Collections.Immutable;
using Junction.Core.Policy;
using Junction.Core.Policy.Ast;
using Junction.Core.Routing;
using Junction.Server.Hosting;
using Junction.Storage.Keys;
using Junction.Storage.Tenants;

namespace Junction.Server.Routing;

/// <summary>
/// The stored layers of a caller from the store: host floor, <c>tenant:&lt;id&gt;</c> (its policy with
/// <c>default_strategy</c> and <c>default_max_cost</c> folded in) and <c>key:&lt;prefix&gt;</c>. Each policy is parsed
/// once per tenant or key version; a stored policy that no longer parses yields an error, and the caller is refused
/// (fail closed) rather than served without its rules.
/// </summary>
internal sealed class TenantLayers(HostLayerSet host)
{
    private readonly ConcurrentDictionary<string, Parsed> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Parsed> _keys = new(StringComparer.Ordinal);

    /// <summary>The layers for <paramref name="tenant"/> and <paramref name="key"/>, or an error naming the layer whose stored policy is invalid.</summary>
    public ImmutableArray<PolicyLayer> Build(Tenant tenant, ApiKey key, out string? error)
    {
        var tenantLayer = TenantLayer(tenant);
        var keyLayer = KeyLayer(key);
        error = tenantLayer.Error ?? keyLayer.Error;
        if (error is not null)
        {
            return [];
        }

        var layers = host.Layers.Add(tenantLayer.Layer!);
        return keyLayer.Layer is null ? layers : layers.Add(keyLayer.Layer);
    }

    /// <summary>The layer name a key's rules appear under in traces and denials.</summary>
    public static string KeySource(ApiKey key) => "key:" + key.Prefix;

    private Parsed TenantLayer(Tenant tenant)
    {
        if (_tenants.TryGetValue(tenant.Id, out var cached) && cached.Version == tenant.Version)
        {
            return cached;
        }

        var errors = new List<string>();
        var source = "tenant:" + tenant.Id;
        var document = StoredPolicyReader.ReadJson(tenant.PolicyJson, source, errors) ?? PolicyDocument.Empty;
        if (tenant.DefaultStrategy is { } strategy)
        {
            if (Strategies.TryGet(strategy, out var scorer))
            {
                document = document with { Rank = document.Rank ?? scorer };
            }
            else
            {
                errors.Add($"{source}: unknown default_strategy '{strategy}'");
            }
        }

        if (tenant.DefaultMaxCostUsd is { } defaultMax)
        {
            var max = (double)defaultMax;
            document = document with { MaxCost = document.MaxCost is { } own ? Math.Min(own, max) : max };
        }

        var parsed = errors.Count > 0
            ? new Parsed(tenant.Version, null, string.Join("; ", errors))
            : new Parsed(tenant.Version, new PolicyLayer(LayerKind.Tenant, source, document), null);
        _tenants[tenant.Id] = parsed;
        return parsed;
    }

    private Parsed KeyLayer(ApiKey key)
    {
        if (_keys.TryGetValue(key.Id, out var cached) && cached.Version == key.Version)
        {
            return cached;
        }

        var errors = new List<string>();
        var source = KeySource(key);
        var document = StoredPolicyReader.ReadJson(key.PolicyJson, source, errors);
        var parsed = errors.Count > 0
            ? new Parsed(key.Version, null, string.Join("; ", errors))
            : new Parsed(key.Version, document is null ? null : new PolicyLayer(LayerKind.Key, source, document), null);
        _keys[key.Id] = parsed;
        return parsed;
    }

    private sealed record Parsed(long Version, PolicyLayer? Layer, string? Error);
}
