using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Junction.Core.Policy;
using Junction.Core.Policy.Ast;
using Junction.Core.Routing.Evaluation;

namespace Junction.Core.Routing;

/// <summary>Compiles layers into a <see cref="CompiledPolicy"/>, caching by the layers' fingerprints. Thread-safe.</summary>
public sealed class PolicyCompiler
{
    /// <summary>When the cache reaches this many policies it starts over: cheap, and a miss only costs a compile.</summary>
    public const int MaxCachedPolicies = 10_000;

    // Stored layers (host, tenant, key) are the same instances request after request, so their fingerprints
    // are computed once; a request canonicalizes only its own layer.
    private static readonly ConditionalWeakTable<PolicyDocument, string> LayerFingerprints = new();

    private readonly ConcurrentDictionary<string, CompiledPolicy> _cache = new(StringComparer.Ordinal);

    /// <summary>Policies currently cached.</summary>
    public int CachedCount => _cache.Count;

    /// <summary>The effective policy of the given layers (host floor first, request last).</summary>
    /// <exception cref="ArgumentException">A layer names an unknown field or capability (the parser rejects these first).</exception>
    public CompiledPolicy Compile(IReadOnlyList<PolicyLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        layers = MostGeneralFirst(layers);

        var fingerprints = new string[layers.Count];
        var key = new StringBuilder(24 * (layers.Count + 1));
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            fingerprints[i] = FingerprintOf(layer.Document);
            key.Append((int)layer.Kind).Append('\u001f').Append(layer.Source).Append('\u001f').Append(fingerprints[i]).Append('\u001e');
        }

        var cacheKey = key.ToString();
        if (_cache.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }

        var compiled = Build(layers, fingerprints);
        if (_cache.Count >= MaxCachedPolicies)
        {
            _cache.Clear();
        }

        return _cache.GetOrAdd(cacheKey, compiled);
    }

    /// <summary>A layer's fingerprint, cached for the lifetime of the document instance.</summary>
    internal static string FingerprintOf(PolicyDocument document) =>
        LayerFingerprints.GetValue(document, static d => PolicyCanonicalizer.Fingerprint(d));

    private static CompiledPolicy Build(IReadOnlyList<PolicyLayer> layers, string[] fingerprints)
    {
        var normalized = new PolicyDocument[layers.Count];
        var filters = new Predicate?[layers.Count];
        var kinds = new LayerKind[layers.Count];
        var identities = new LayerFingerprint[layers.Count];
        for (var i = 0; i < layers.Count; i++)
        {
            // Evaluate the canonical AST: operands in canonical order, so policies with one fingerprint
            // blame the same clause and pick the same split arm.
            normalized[i] = PolicyCanonicalizer.Normalize(layers[i].Document);
            filters[i] = normalized[i].Filter;
            kinds[i] = layers[i].Kind;
            identities[i] = new LayerFingerprint(layers[i].Source, fingerprints[i]);
        }

        var effective = PolicyCanonicalizer.WithDefaults(LayerMerge.Merge(normalized, out var maxCostLayer));
        var canonical = PolicyCanonicalizer.ToCanonicalJson(effective);
        var fallback = effective.Fallback!;

        return new CompiledPolicy
        {
            Fingerprint = PolicyCanonicalizer.FingerprintOf(canonical),
            CanonicalJson = Encoding.UTF8.GetString(canonical),
            Layers = identities,
            MaxCost = effective.MaxCost,
            NoLog = effective.NoLog ?? PolicyDefaults.NoLog,
            MaxAttempts = fallback.MaxAttempts ?? PolicyDefaults.MaxAttempts,
            FallbackOn = [.. fallback.On ?? PolicyDefaults.FallbackOn],
            AttemptTimeoutMs = fallback.AttemptTimeoutMs ?? PolicyDefaults.AttemptTimeoutMs,
            LayerKinds = kinds,
            Filter = FilterProgram.Compile(filters),
            Scorer = ScorerProgram.Compile(effective.Rank ?? PolicyDefaults.Rank),
            Selection = SelectionPlan.From(effective.Select ?? PolicyDefaults.Select),
            MaxCostLayer = maxCostLayer,
        };
    }

    private static IReadOnlyList<PolicyLayer> MostGeneralFirst(IReadOnlyList<PolicyLayer> layers)
    {
        for (var i = 1; i < layers.Count; i++)
        {
            if (layers[i].Kind < layers[i - 1].Kind)
            {
                // Stable, so two layers of one kind keep the caller's order.
                return [.. layers.OrderBy(l => l.Kind)];
            }
        }

        return layers;
    }
}
