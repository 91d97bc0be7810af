using System.Collections.Immutable;
using System.Text;
using Junction.Core.Fallback;
using Junction.Core.Policy;
using Junction.Core.Policy.Ast;

namespace Junction.Core.Tests.Policy;

public sealed class PolicyCanonicalizerTests
{
    private const string DefaultTail =
        "\"lock\":[],\"no_log\":false," +
        "\"rank\":[\"weighted\",[[0.35,[\"normalize\",[\"field\",\"bench_intelligence\"]]],[0.35,[\"neg\",[\"normalize\",[\"field\",\"est_cost\"]]]],[0.15,[\"neg\",[\"normalize\",[\"field\",\"est_latency_ms\"]]]],[0.15,[\"normalize\",[\"field\",\"availability\"]]]]]," +
        "\"select\":[\"argmax\"],\"v\":\"junction-pol/v1\"}";

    private const string DefaultFallback =
        "\"fallback\":{\"attempt_timeout_ms\":30000,\"max_attempts\":3,\"on\":[\"connect\",\"overloaded\",\"rate_limited\",\"server_error\",\"timeout\"]}";

    [Fact]
    public void ToCanonicalJson_EmptyPolicy_WritesEveryDefault()
    {
        var json = Canonical(PolicyDocument.Empty);

        Assert.Equal("{" + DefaultFallback + ",\"filter\":[\"true\"]," + DefaultTail, json);
    }

    [Fact]
    public void ToCanonicalJson_NestedAndOr_FlattensSortsAndDeduplicates()
    {
        var region = new EqPredicate("region", PolicyValue.Of("eu"), false);
        var quality = new CmpPredicate("bench_intelligence", CmpOp.Ge, 0.5);
        var tools = new HasPredicate("tools");
        var policy = PolicyDocument.Empty with
        {
            Filter = new AndPredicate([region, new AndPredicate([tools, quality, region]), tools]),
        };

        var json = Canonical(policy);

        Assert.Contains(
            "\"filter\":[\"and\",[\"cmp\",\"bench_intelligence\",\"ge\",0.5],[\"eq\",\"region\",\"eu\"],[\"has\",\"tools\"]]",
            json,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ToCanonicalJson_SingleOperandOr_CollapsesToOperand()
    {
        var policy = PolicyDocument.Empty with
        {
            Filter = new OrPredicate([new HasPredicate("vision"), new OrPredicate([new HasPredicate("vision")])]),
        };

        Assert.Contains("\"filter\":[\"has\",\"vision\"],", Canonical(policy), StringComparison.Ordinal);
    }

    [Fact]
    public void ToCanonicalJson_InList_SortsAndDeduplicates()
    {
        var policy = PolicyDocument.Empty with
        {
            Filter = new InPredicate("provider", [PolicyValue.Of("openai"), PolicyValue.Of("anthropic"), PolicyValue.Of("openai")], true),
        };

        Assert.Contains("\"filter\":[\"nin\",\"provider\",[\"anthropic\",\"openai\"]]", Canonical(policy), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(0.1, "0.1")]
    [InlineData(-0.0, "0")]
    [InlineData(1e21, "1E+21")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(123456789012.5, "123456789012.5")]
    public void ClauseJson_Numbers_ShortestRoundTripForm(double value, string expected)
    {
        var json = PolicyCanonicalizer.ClauseJson(new CmpPredicate("price_in", CmpOp.Lt, value));

        Assert.Equal($"[\"cmp\",\"price_in\",\"lt\",{expected}]", json);
    }

    [Fact]
    public void ToCanonicalJson_FallbackSplitAndLock_SortedAndDefaultsFilled()
    {
        var policy = PolicyDocument.Empty with
        {
            Select = new SplitSelection([new SplitArm("b-model", 1), new SplitArm("a-model", 3)]),
            Fallback = new FallbackSpec(null, [ErrorKind.Timeout, ErrorKind.ContextLength, ErrorKind.Timeout], null),
            Lock = PolicyLocks.Select | PolicyLocks.Rank,
            MaxCost = 0.02,
            NoLog = true,
        };

        var json = Canonical(policy);

        Assert.Equal(
            "{\"fallback\":{\"attempt_timeout_ms\":30000,\"max_attempts\":3,\"on\":[\"context_length\",\"timeout\"]}," +
            "\"filter\":[\"true\"],\"lock\":[\"rank\",\"select\"],\"max_cost\":0.02,\"no_log\":true," +
            "\"rank\":" + PolicyCanonicalizer.ToJson(Strategies.Balanced) + "," +
            "\"select\":[\"split\",[[\"a-model\",3],[\"b-model\",1]]],\"v\":\"junction-pol/v1\"}",
            json);
    }

    [Fact]
    public void Fingerprint_EmptyPolicy_IsPrefixedTwelveLowercaseHex()
    {
        var fingerprint = PolicyCanonicalizer.Fingerprint(PolicyDocument.Empty);

        Assert.Matches("^pol_[0-9a-f]{12}$", fingerprint);
    }

    [Fact]
    public void Fingerprint_DefaultsSpelledOut_EqualsEmptyPolicy()
    {
        var explicitDefaults = PolicyCanonicalizer.WithDefaults(PolicyDocument.Empty);

        Assert.Equal(PolicyCanonicalizer.Fingerprint(PolicyDocument.Empty), PolicyCanonicalizer.Fingerprint(explicitDefaults));
    }

    [Fact]
    public void Normalize_UnsetMembers_StayUnset()
    {
        var normalized = PolicyCanonicalizer.Normalize(PolicyDocument.Empty with { Fallback = new FallbackSpec(null, null, null), Lock = PolicyLocks.None });

        Assert.Equal(PolicyDocument.Empty, normalized);
    }

    [Fact]
    public void Normalize_ShuffledOperands_GiveEqualTrees()
    {
        ImmutableArray<Predicate> operands = [new HasPredicate("tools"), new EqPredicate("tier", PolicyValue.Of("small"), true)];
        var a = PolicyDocument.Empty with { Filter = new OrPredicate(operands) };
        var b = PolicyDocument.Empty with { Filter = new OrPredicate([operands[1], operands[0]]) };

        Assert.Equal(PolicyCanonicalizer.Normalize(a), PolicyCanonicalizer.Normalize(b));
    }

    private static string Canonical(PolicyDocument policy) => Encoding.UTF8.GetString(PolicyCanonicalizer.ToCanonicalJson(policy));
}
