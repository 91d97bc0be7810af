using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Junction.Core.Fallback;
using Junction.Core.Policy;
using Junction.Core.Policy.Ast;

namespace Junction.Core.Tests.Policy;

public sealed class PolicyParserTests
{
    [Fact]
    public void Parse_EmptyObject_IsValidEmptyPolicy()
    {
        var result = Parse("{}");

        Assert.True(result.IsValid);
        Assert.Equal(PolicyDocument.Empty, result.Policy);
    }

    [Fact]
    public void Parse_ContractExample_BuildsEveryMember()
    {
        var result = Parse("""
            {
              "v": "junction-pol/v1",
              "filter":   ["and", ["cmp", "bench_intelligence", "ge", 0.5],
                                  ["in", "provider", ["openai", "anthropic"]],
                                  ["eq", "region", "eu"]],
              "rank":     "lowest_cost",
              "select":   ["argmax"],
              "fallback": {"max_attempts": 3, "on": ["rate_limited", "overloaded", "server_error", "timeout", "connect"],
                           "attempt_timeout_ms": 20000},
              "max_cost": 0.02,
              "no_log":   true,
              "lock":     ["rank"]
            }
            """);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var policy = result.Policy!;
        var and = Assert.IsType<AndPredicate>(policy.Filter);
        Assert.Equal(new CmpPredicate("bench_intelligence", CmpOp.Ge, 0.5), and.Operands[0]);
        Assert.Equal(new InPredicate("provider", [PolicyValue.Of("openai"), PolicyValue.Of("anthropic")], false), and.Operands[1]);
        Assert.Equal(new EqPredicate("region", PolicyValue.Of("eu"), false), and.Operands[2]);
        Assert.Equal(Strategies.LowestCost, policy.Rank);
        Assert.IsType<ArgmaxSelection>(policy.Select);
        Assert.Equal(
            new FallbackSpec(3, [ErrorKind.RateLimited, ErrorKind.Overloaded, ErrorKind.ServerError, ErrorKind.Timeout, ErrorKind.Connect], 20000),
            policy.Fallback);
        Assert.Equal(0.02, policy.MaxCost);
        Assert.True(policy.NoLog);
        Assert.Equal(PolicyLocks.Rank, policy.Lock);
    }

    [Theory]
    [InlineData("""["true"]""")]
    [InlineData("""["false"]""")]
    [InlineData("""["not", ["has", "vision"]]""")]
    [InlineData("""["or", ["eq", "tier", "small"], ["ne", "provider", "openai"]]""")]
    [InlineData("""["and", ["true"]]""")]
    [InlineData("""["eq", "open_weights", true]""")]
    [InlineData("""["ne", "context_window", 128000]""")]
    [InlineData("""["in", "price_in", [0.15, 2.5]]""")]
    [InlineData("""["nin", "circuit", ["open", "half_open"]]""")]
    [InlineData("""["eq", "capabilities", "json_schema"]""")]
    [InlineData("""["in", "provider", []]""")]
    [InlineData("""["cmp", "latency_p50_ms", "lt", 900]""")]
    [InlineData("""["cmp", "availability", "ne", 1]""")]
    [InlineData("""["has", "reasoning"]""")]
    public void Parse_EveryPredicateTerm_IsValid(string filter)
    {
        var result = Parse($$"""{"filter": {{filter}}}""");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.NotNull(result.Policy!.Filter);
    }

    [Fact]
    public void Parse_PredicateTerms_MapToAst()
    {
        var filter = Parse("""
            {"filter": ["or", ["not", ["false"]], ["ne", "open_weights", false], ["nin", "model", ["a", "b"]],
                              ["cmp", "error_rate", "le", 0.05], ["has", "tools"]]}
            """).Policy!.Filter;

        Assert.Equal(
            new OrPredicate(
            [
                new NotPredicate(new ConstPredicate(false)),
                new EqPredicate("open_weights", PolicyValue.Of(false), true),
                new InPredicate("model", [PolicyValue.Of("a"), PolicyValue.Of("b")], true),
                new CmpPredicate("error_rate", CmpOp.Le, 0.05),
                new HasPredicate("tools"),
            ]),
            filter);
    }

    [Theory]
    [InlineData("balanced")]
    [InlineData("lowest_cost")]
    [InlineData("lowest-cost")]
    [InlineData("fastest")]
    [InlineData("best_quality")]
    [InlineData("best-quality")]
    [InlineData("max_reliability")]
    [InlineData("max-reliability")]
    public void Parse_StrategyName_ExpandsToItsScorer(string name)
    {
        var result = Parse($$"""{"rank": "{{name}}"}""");

        Assert.True(Strategies.TryGet(name, out var expected));
        Assert.Equal(expected, result.Policy!.Rank);
    }

    [Fact]
    public void Parse_ScorerTerms_MapToAst()
    {
        var rank = Parse("""
            {"rank": ["weighted", [[0.7, ["normalize", ["field", "bench_intelligence"]]],
                                   [0.3, ["neg", ["field", "price_out"]]],
                                   [-1, ["const", 2]],
                                   [0.5, "fastest"]]]}
            """).Policy!.Rank;

        Assert.Equal(
            new WeightedScorer(
            [
                new WeightedTerm(0.7, new NormalizeScorer(new FieldScorer("bench_intelligence"))),
                new WeightedTerm(0.3, new NegScorer(new FieldScorer("price_out"))),
                new WeightedTerm(-1, new ConstScorer(2)),
                new WeightedTerm(0.5, Strategies.Fastest),
            ]),
            rank);
    }

    [Fact]
    public void Parse_PinSelection_MapsToAst()
    {
        Assert.Equal(new PinSelection("gpt-4.1-mini"), Parse("""{"select": ["pin", "gpt-4.1-mini"]}""").Policy!.Select);
    }

    [Fact]
    public void Parse_SplitSelection_MapsToAst()
    {
        var select = Parse("""{"select": ["split", [["gpt-4.1-mini", 90], ["claude-haiku-4.5", 10.5]]]}""").Policy!.Select;

        Assert.Equal(new SplitSelection([new SplitArm("gpt-4.1-mini", 90), new SplitArm("claude-haiku-4.5", 10.5)]), select);
    }

    [Fact]
    public void Parse_PartialFallback_LeavesOtherMembersUnset()
    {
        var fallback = Parse("""{"fallback": {"on": []}}""").Policy!.Fallback;

        Assert.Equal(new FallbackSpec(null, ImmutableArray<ErrorKind>.Empty, null), fallback);
    }

    [Fact]
    public void Parse_IntegralFloat_AcceptedAsInteger()
    {
        Assert.Equal(4, Parse("""{"fallback": {"max_attempts": 4.0}}""").Policy!.Fallback!.MaxAttempts);
    }

    [Fact]
    public void Parse_EmptyLock_LocksNothing()
    {
        Assert.Equal(PolicyLocks.None, Parse("""{"lock": []}""").Policy!.Lock);
    }

    [Fact]
    public void Parse_JsonElement_SameAsBytes()
    {
        const string Json = """{"junction": {"policy": {"filter": ["has", "tools"], "rank": "fastest", "no_log": false}}}""";
        using var body = JsonDocument.Parse(Json);
        var element = body.RootElement.GetProperty("junction").GetProperty("policy");

        var fromElement = PolicyParser.Parse(element);
        var fromBytes = Parse(element.GetRawText());

        Assert.True(fromElement.IsValid);
        Assert.Equal(fromBytes.Policy, fromElement.Policy);
    }

    [Fact]
    public void Parse_LeadingAndTrailingWhitespace_IsValid()
    {
        Assert.True(Parse(" \n {} \n ").IsValid);
    }

    private static PolicyParseResult Parse(string json) => PolicyParser.Parse(Encoding.UTF8.GetBytes(json));
}
