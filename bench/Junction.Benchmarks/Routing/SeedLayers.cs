using System.Text;
using Junction.Core.Policy;
using Junction.Core.Routing;

namespace Junction.Benchmarks.Routing;

/// <summary>Policy layers shaped like the seeds' tenant rules, parsed once.</summary>
internal static class SeedLayers
{
    public const string TenantPolicy = """
        {"filter": ["and", ["cmp", "bench_intelligence", "ge", 0.5],
                           ["nin", "provider", ["deepseek"]],
                           ["or", ["eq", "region", "eu"], ["eq", "region", "global"]]],
         "fallback": {"max_attempts": 3},
         "no_log": true}
        """;

    public const string RequestPolicy = """{"rank": "balanced", "max_cost": 0.05}""";

    public static IReadOnlyList<PolicyLayer> TenantAndRequest() =>
    [
        new(LayerKind.Tenant, "tenant:acme", Parse(TenantPolicy)),
        new(LayerKind.Request, "request", Parse(RequestPolicy)),
    ];

    public static Junction.Core.Policy.Ast.PolicyDocument Parse(string json)
    {
        var result = PolicyParser.Parse(Encoding.UTF8.GetBytes(json));
        return result.Policy ?? throw new InvalidOperationException(string.Join("; ", result.Errors));
    }
}
