using System.Text;
using BenchmarkDotNet.Attributes;
using Junction.Core.Policy;
using Junction.Core.Policy.Ast;
using Junction.Core.Routing;

namespace Junction.Benchmarks.Routing;

/// <summary>
/// The cold path of a request policy: parse and validate, canonicalize and fingerprint, compile. A
/// request that repeats a policy pays only the cache lookup (<see cref="CompileCached"/>).
/// </summary>
[MemoryDiagnoser]
public class PolicyBenchmarks
{
    private static readonly byte[] TenantJson = Encoding.UTF8.GetBytes(SeedLayers.TenantPolicy);
    private readonly PolicyCompiler _cachedCompiler = new();
    private PolicyDocument _tenant = null!;
    private IReadOnlyList<PolicyLayer> _layers = null!;

    [GlobalSetup]
    public void Setup()
    {
        _tenant = SeedLayers.Parse(SeedLayers.TenantPolicy);
        _layers = SeedLayers.TenantAndRequest();
        _cachedCompiler.Compile(_layers);
    }

    [Benchmark]
    public PolicyParseResult ParseAndValidate() => PolicyParser.Parse(TenantJson);

    [Benchmark]
    public string Fingerprint() => PolicyCanonicalizer.Fingerprint(_tenant);

    [Benchmark]
    public CompiledPolicy CompileUncached() => new PolicyCompiler().Compile(_layers);

    [Benchmark]
    public CompiledPolicy CompileCached() => _cachedCompiler.Compile(_layers);
}
