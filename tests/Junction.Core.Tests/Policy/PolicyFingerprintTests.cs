using System.Text;
using Junction.Core.Policy;

namespace Junction.Core.Tests.Policy;

public sealed class PolicyFingerprintTests
{
    [Theory]
    // Key order and whitespace.
    [InlineData("""{"rank":"fastest","no_log":true}""", "{ \"no_log\" : true ,\n\t\"rank\" : \"fastest\" }")]
    // Operand order, duplicates and nesting.
    [InlineData("""{"filter":["and",["has","tools"],["eq","region","eu"]]}""",
                """{"filter":["and",["eq","region","eu"],["and",["has","tools"],["eq","region","eu"]]]}""")]
    [InlineData("""{"filter":["or",["has","tools"],["or",["has","vision"]]]}""",
                """{"filter":["or",["has","vision"],["has","tools"],["has","tools"]]}""")]
    // A single operand is the operand.
    [InlineData("""{"filter":["and",["not",["has","tools"]]]}""", """{"filter":["not",["has","tools"]]}""")]
    // List order and duplicates.
    [InlineData("""{"filter":["in","provider",["openai","anthropic","openai"]]}""", """{"filter":["in","provider",["anthropic","openai"]]}""")]
    // Number spellings.
    [InlineData("""{"filter":["cmp","price_in","le",1]}""", """{"filter":["cmp","price_in","le",1.000]}""")]
    [InlineData("""{"filter":["cmp","price_in","le",0.5]}""", """{"filter":["cmp","price_in","le",5e-1]}""")]
    [InlineData("""{"max_cost":0}""", """{"max_cost":-0.0}""")]
    // Strategy names against their scorers.
    [InlineData("""{"rank":"lowest_cost"}""", """{"rank":["neg",["normalize",["field","est_cost"]]]}""")]
    [InlineData("""{"rank":"max-reliability"}""", """{"rank":"max_reliability"}""")]
    // Defaults written out or left implicit.
    [InlineData("""{}""", """{"v":"junction-pol/v1","filter":["true"],"rank":"balanced","select":["argmax"],"no_log":false,"lock":[],"fallback":{"max_attempts":3,"attempt_timeout_ms":30000,"on":["timeout","connect","server_error","overloaded","rate_limited"]}}""")]
    [InlineData("""{"fallback":{}}""", """{}""")]
    // Sets.
    [InlineData("""{"fallback":{"on":["timeout","connect"]}}""", """{"fallback":{"on":["connect","timeout","connect"]}}""")]
    [InlineData("""{"select":["split",[["b",1],["a",2]]]}""", """{"select":["split",[["a",2],["b",1]]]}""")]
    [InlineData("""{"lock":["select","rank"]}""", """{"lock":["rank","select","rank"]}""")]
    public void Fingerprint_EquivalentPolicies_AreEqual(string a, string b)
    {
        Assert.Equal(Canonical(a), Canonical(b));
        Assert.Equal(Fingerprint(a), Fingerprint(b));
    }

    [Theory]
    [InlineData("""{"filter":["cmp","bench_intelligence","ge",0.5]}""", """{"filter":["cmp","bench_intelligence","ge",0.6]}""")]
    [InlineData("""{"filter":["cmp","bench_intelligence","ge",0.5]}""", """{"filter":["cmp","bench_intelligence","gt",0.5]}""")]
    [InlineData("""{"filter":["in","provider",["openai"]]}""", """{"filter":["nin","provider",["openai"]]}""")]
    [InlineData("""{"filter":["in","provider",["openai"]]}""", """{"filter":["eq","provider","openai"]}""")]
    [InlineData("""{"filter":["and",["has","tools"],["has","vision"]]}""", """{"filter":["or",["has","tools"],["has","vision"]]}""")]
    [InlineData("""{"rank":"lowest_cost"}""", """{"rank":"fastest"}""")]
    [InlineData("""{"rank":["weighted",[[1,["field","price_in"]],[2,["field","price_out"]]]]}""",
                """{"rank":["weighted",[[2,["field","price_out"]],[1,["field","price_in"]]]]}""")]
    [InlineData("""{}""", """{"max_cost":1000000}""")]
    [InlineData("""{}""", """{"no_log":true}""")]
    [InlineData("""{}""", """{"lock":["rank"]}""")]
    [InlineData("""{}""", """{"fallback":{"on":[]}}""")]
    [InlineData("""{"select":["pin","a"]}""", """{"select":["pin","A"]}""")]
    public void Fingerprint_DifferentPolicies_Differ(string a, string b)
    {
        Assert.NotEqual(Fingerprint(a), Fingerprint(b));
    }

    [Fact]
    public void ToCanonicalJson_ParsedAgain_GivesSameBytes()
    {
        var original = Parse("""
            {"filter":["and",["or",["eq","region","eu"],["eq","region","us"]],["nin","provider",["x","a"]],["not",["eq","open_weights",true]]],
             "rank":"balanced","select":["split",[["m2",1],["m1",3]]],"max_cost":0.25,"no_log":true,"lock":["select"],
             "fallback":{"on":["context_length","timeout"],"max_attempts":2}}
            """);
        var canonical = PolicyCanonicalizer.ToCanonicalJson(original);

        var reparsed = PolicyParser.Parse(canonical);

        Assert.True(reparsed.IsValid);
        Assert.Equal(canonical, PolicyCanonicalizer.ToCanonicalJson(reparsed.Policy!));
    }

    /// <summary>Conformance vectors: input, canonical bytes, fingerprint. Another implementation must match these.</summary>
    [Theory]
    [InlineData("""{}""", GoldenVectors.EmptyCanonical, GoldenVectors.EmptyFingerprint)]
    [InlineData(GoldenVectors.ContractInput, GoldenVectors.ContractCanonical, GoldenVectors.ContractFingerprint)]
    public void ToCanonicalJson_GoldenVector_MatchesPinnedBytesAndFingerprint(string input, string canonical, string fingerprint)
    {
        var policy = Parse(input);

        Assert.Equal(canonical, Encoding.UTF8.GetString(PolicyCanonicalizer.ToCanonicalJson(policy)));
        Assert.Equal(fingerprint, PolicyCanonicalizer.Fingerprint(policy));
    }

    private static string Canonical(string json) => Encoding.UTF8.GetString(PolicyCanonicalizer.ToCanonicalJson(Parse(json)));

    private static string Fingerprint(string json) => PolicyCanonicalizer.Fingerprint(Parse(json));

    private static Junction.Core.Policy.Ast.PolicyDocument Parse(string json)
    {
        var result = PolicyParser.Parse(Encoding.UTF8.GetBytes(json));
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Policy!;
    }
}
