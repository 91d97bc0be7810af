using BenchmarkDotNet.Attributes;
using Junction.Core.Catalog;
using Junction.Core.Policy;
using Junction.Core.Routing;
using Junction.Core.Routing.Evaluation;

namespace Junction.Benchmarks.Routing;

/// <summary>
/// The routing decision on catalogs of 50, 500 and 5,000 models, under seed-style tenant rules and a
/// balanced request. <see cref="Decide"/> is the decision path itself (target: ≤ 5 µs median on 500
/// models, no allocation); <see cref="Route"/> adds materializing the decision for the trace.
/// </summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private readonly Router _router = new(new Random(7));
    private readonly RouteScratch _scratch = new();
    private CatalogSnapshot _catalog = null!;
    private CompiledPolicy _policy = null!;
    private RouteRequest _request;

    [Params(50, 500, 5000)]
    public int Models { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _catalog = SyntheticCatalog.Create(Models);
        _policy = new PolicyCompiler().Compile(SeedLayers.TenantAndRequest());
        _request = new RouteRequest(EstPromptTokens: 812, MaxTokens: 512, Needs: ModelCapabilities.Tools, StickyKey: null);
        Decide();
    }

    [Benchmark]
    public int Decide() => _router.Decide(_policy, _catalog, _request, _scratch).GetHashCode();

    [Benchmark]
    public RouteDecision Route() => _router.Route(_policy, _catalog, _request);
}
