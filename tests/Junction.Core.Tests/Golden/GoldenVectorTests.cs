using System.Text.Json;
using Junction.Core.Catalog;
using Junction.Core.Policy;
using Junction.Core.Routing;

namespace Junction.Core.Tests.Golden;

/// <summary>
/// The conformance vectors of docs/golden-vectors.json: policy layers and a request in, canonical form,
/// fingerprint and decision out, on the pinned test catalog. Another implementation passes the same file.
/// </summary>
public sealed class GoldenVectorTests
{
    private const string FileName = "golden-vectors.json";

    private static readonly Lazy<JsonDocument> Vectors = new(() => JsonDocument.Parse(File.ReadAllBytes(TestCopyPath)));

    private static string TestCopyPath => Path.Combine(AppContext.BaseDirectory, "Golden", FileName);

    public static TheoryData<string> CaseNames()
    {
        var names = new TheoryData<string>();
        foreach (var c in Vectors.Value.RootElement.GetProperty("cases").EnumerateArray())
        {
            names.Add(c.GetProperty("name").GetString()!);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Route_GoldenCase_MatchesExpectation(string name)
    {
        var golden = Vectors.Value.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var layers = golden.GetProperty("layers").EnumerateArray().Select(ReadLayer).ToArray();
        var request = ReadRequest(golden.GetProperty("request"));

        var policy = new PolicyCompiler().Compile(layers);
        var decision = new Router(new Random(0)).Route(policy, TestCatalog.Load(), request);

        using var actual = Describe(policy, decision);
        Assert.True(golden.TryGetProperty("expect", out var expect), $"{name}: no expectation yet; the router decides\n{actual.RootElement}");
        Assert.True(JsonElement.DeepEquals(expect, actual.RootElement), $"{name}: expected\n{expect}\nactual\n{actual.RootElement}");
    }

    [Fact]
    public void GoldenVectors_DocsCopy_IsByteIdenticalToTestCopy()
    {
        var docs = Path.Combine(RepositoryRoot(), "docs", FileName);

        Assert.Equal(File.ReadAllBytes(TestCopyPath), File.ReadAllBytes(docs));
    }

    [Fact]
    public void GoldenVectors_Catalog_IsThePinnedSnapshot()
    {
        var catalog = Vectors.Value.RootElement.GetProperty("catalog");

        Assert.Equal(TestCatalog.Load().Version, catalog.GetProperty("version").GetString());
        Assert.Equal(TestCatalog.Load().Models.Length, catalog.GetProperty("models").GetInt32());
    }

    [Fact]
    public void GoldenVectors_Cases_CoverEveryTermStrategyAndOutcome()
    {
        var cases = Vectors.Value.RootElement.GetProperty("cases").EnumerateArray().ToList();
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var layer in cases.SelectMany(c => c.GetProperty("layers").EnumerateArray()))
        {
            CollectTerms(layer.GetProperty("policy"), terms);
        }

        var rules = cases.SelectMany(c => c.GetProperty("expect").GetProperty("rejected").EnumerateArray()).Select(r => r.GetProperty("rule").GetString());
        var outcomes = cases.Select(c => c.GetProperty("expect").GetProperty("outcome").GetString()).ToHashSet();

        Assert.True(cases.Count >= 30);
        Assert.Superset(
            new HashSet<string>
            {
                "true", "false", "and", "or", "not", "eq", "ne", "in", "nin", "has",
                "cmp lt", "cmp le", "cmp gt", "cmp ge", "cmp eq", "cmp ne",
                "pin", "split", "argmax", "weighted", "const", "neg", "normalize", "field", "lock", "max_cost",
            }.Union(Strategies.Names).ToHashSet(),
            terms);
        Assert.Contains("[\"fits\"]", rules);
        Assert.Equal(["denied", "no_route", "routed"], outcomes.Order());
        Assert.Contains(cases, c => c.GetProperty("expect").GetProperty("arm").ValueKind == JsonValueKind.String);
    }

    /// <summary>Every term a policy uses: array heads (<c>cmp</c> with its operator), strategy names, and members.</summary>
    private static void CollectTerms(JsonElement element, HashSet<string> terms)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    terms.Add(member.Name);
                    if (member.Name == "rank" && member.Value.ValueKind == JsonValueKind.String)
                    {
                        terms.Add(member.Value.GetString()!);
                    }

                    CollectTerms(member.Value, terms);
                }

                break;
            case JsonValueKind.Array:
                var items = element.EnumerateArray().ToList();
                if (items.Count > 0 && items[0].ValueKind == JsonValueKind.String)
                {
                    var head = items[0].GetString()!;
                    terms.Add(head == "cmp" && items.Count > 2 ? $"cmp {items[2].GetString()}" : head);
                }

                foreach (var item in items)
                {
                    CollectTerms(item, terms);
                }

                break;
        }
    }

    private static PolicyLayer ReadLayer(JsonElement layer)
    {
        var parsed = PolicyParser.Parse(layer.GetProperty("policy"));
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        var kind = layer.GetProperty("kind").GetString() switch
        {
            "host" => LayerKind.Host,
            "tenant" => LayerKind.Tenant,
            "key" => LayerKind.Key,
            _ => LayerKind.Request,
        };
        return new PolicyLayer(kind, layer.GetProperty("source").GetString()!, parsed.Policy!);
    }

    private static RouteRequest ReadRequest(JsonElement request)
    {
        var needs = ModelCapabilities.None;
        foreach (var need in request.GetProperty("needs").EnumerateArray())
        {
            Assert.True(CapabilityNames.TryParse(need.GetString()!, out var flag));
            needs |= flag;
        }

        var maxTokens = request.GetProperty("max_tokens");
        var sticky = request.GetProperty("sticky_key");
        return new RouteRequest(
            request.GetProperty("est_prompt_tokens").GetInt32(),
            maxTokens.ValueKind == JsonValueKind.Null ? null : maxTokens.GetInt32(),
            needs,
            sticky.ValueKind == JsonValueKind.Null ? null : sticky.GetString());
    }

    /// <summary>The decision in the vectors' <c>expect</c> shape; printed on failure to help review a new case.</summary>
    private static JsonDocument Describe(CompiledPolicy policy, RouteDecision decision)
    {
        static object? Rejection(Rejection? r) => r is null ? null : new Dictionary<string, string> { ["model"] = r.Model, ["layer"] = r.Layer, ["rule"] = r.Rule };

        var expect = new Dictionary<string, object?>
        {
            ["canonical"] = policy.CanonicalJson,
            ["fingerprint"] = policy.Fingerprint,
            ["outcome"] = decision.Outcome switch { RouteOutcome.Routed => "routed", RouteOutcome.NoRoute => "no_route", _ => "denied" },
            ["chosen"] = decision.Chosen?.Model.Id,
            ["arm"] = decision.Arm,
            ["ranked"] = decision.Ranked.Select(c => c.Model.Id).ToArray(),
            ["rejected"] = decision.Rejected.Select(Rejection).ToArray(),
            ["denial"] = Rejection(decision.Denial),
        };
        return JsonDocument.Parse(JsonSerializer.Serialize(expect));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "docs", FileName)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"docs/{FileName} not found above the test output directory.");
    }
}
