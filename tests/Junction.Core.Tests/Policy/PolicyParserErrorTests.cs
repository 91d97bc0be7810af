using System.Text;
using Junction.Core.Policy;

namespace Junction.Core.Tests.Policy;

public sealed class PolicyParserErrorTests
{
    [Theory]
    // Top level.
    [InlineData("""{"filtr": ["true"]}""", "filtr: unknown key 'filtr' (did you mean 'filter'?)")]
    [InlineData("""{"v": "junction-pol/v2"}""", "v: unsupported version 'junction-pol/v2' (this router reads junction-pol/v1)")]
    [InlineData("""{"v": 1}""", "v: the version must be a string, got a number")]
    [InlineData("""{"no_log": true, "no_log": false}""", "no_log: duplicate key 'no_log'")]
    [InlineData("""{"no_log": "yes"}""", "no_log: no_log must be true or false, got a string")]
    [InlineData("""{"max_cost": -0.5}""", "max_cost: max_cost must be 0 or more (USD per request), got -0.5")]
    [InlineData("""{"max_cost": "1"}""", "max_cost: max_cost must be a number, got a string")]
    [InlineData("""{"max_cost": 1e400}""", "max_cost: max_cost is out of range: 1e400")]
    [InlineData("""{"lock": ["rank", "selct"]}""", "lock[1]: 'selct' cannot be locked (one of rank, select) (did you mean 'select'?)")]
    [InlineData("""{"lock": "rank"}""", "lock: lock must be a list of members (rank, select), got a string")]
    [InlineData("""[]""", "$: a policy must be an object, got an array")]
    [InlineData("""null""", "$: a policy must be an object, got null")]
    // Filter.
    [InlineData("""{"filter": ["and", ["has", "tools"], ["eq", "regoin", "eu"]]}""", "filter[2][1]: unknown field 'regoin' (did you mean 'region'?)")]
    [InlineData("""{"filter": ["eq", "bench", 1]}""", "filter[1]: unknown field 'bench' (did you mean 'bench_intelligence'?)")]
    [InlineData("""{"filter": ["gte", "bench_intelligence", 0.5]}""", "filter[0]: unknown operator 'gte'; comparisons are written [\"cmp\", field, op, number] (did you mean 'ge'?)")]
    [InlineData("""{"filter": [">=", "bench_intelligence", 0.5]}""", "filter[0]: unknown operator '>='; comparisons are written [\"cmp\", field, op, number] (did you mean 'ge'?)")]
    [InlineData("""{"filter": ["lt", "price_in", 1]}""", "filter[0]: 'lt' is not a predicate; comparisons are written [\"cmp\", field, \"lt\", number]")]
    [InlineData("""{"filter": ["andd", ["true"]]}""", "filter[0]: unknown operator 'andd' (did you mean 'and'?)")]
    [InlineData("""{"filter": ["xyzzy"]}""", "filter[0]: unknown operator 'xyzzy'")]
    [InlineData("""{"filter": ["cmp", "price_in", "gte", 1]}""", "filter[2]: unknown comparison operator 'gte' (one of lt, le, gt, ge, eq, ne) (did you mean 'ge'?)")]
    [InlineData("""{"filter": ["cmp", "provider", "ge", 1]}""", "filter[1]: 'cmp' needs a number field; 'provider' is a string field")]
    [InlineData("""{"filter": ["cmp", "price_in", "ge", "1"]}""", "filter[3]: a comparison operand must be a number, got a string")]
    [InlineData("""{"filter": ["cmp", "price_in", "ge"]}""", "filter: 'cmp' takes the form [\"cmp\", field, op, number], got 3 elements")]
    [InlineData("""{"filter": ["not"]}""", "filter: 'not' takes the form [\"not\", P], got 1 element")]
    [InlineData("""{"filter": ["true", 1]}""", "filter: 'true' takes the form [\"true\"], got 2 elements")]
    [InlineData("""{"filter": ["and"]}""", "filter: 'and' needs at least one operand: [\"and\", P, ...]")]
    [InlineData("""{"filter": ["or"]}""", "filter: 'or' needs at least one operand: [\"or\", P, ...]")]
    [InlineData("""{"filter": []}""", "filter: a predicate must be a non-empty array like [\"eq\", field, value], got an array")]
    [InlineData("""{"filter": "true"}""", "filter: a predicate must be a non-empty array like [\"eq\", field, value], got a string")]
    [InlineData("""{"filter": [1]}""", "filter[0]: an operator must be a string, got a number")]
    [InlineData("""{"filter": ["has", "tool"]}""", "filter[1]: unknown capability 'tool' (did you mean 'tools'?)")]
    [InlineData("""{"filter": ["eq", "price_in", "5"]}""", "filter[2]: 'price_in' is a number field; expected a number, got a string")]
    [InlineData("""{"filter": ["eq", "region", 5]}""", "filter[2]: 'region' is a string set field; expected a string, got a number")]
    [InlineData("""{"filter": ["eq", "open_weights", "yes"]}""", "filter[2]: 'open_weights' is a boolean field; expected true or false, got a string")]
    [InlineData("""{"filter": ["in", "open_weights", [true]]}""", "filter[0]: 'in' does not apply to boolean field 'open_weights' (did you mean 'eq'?)")]
    [InlineData("""{"filter": ["in", "provider", "openai"]}""", "filter[2]: 'in' takes a list of values, got a string")]
    [InlineData("""{"filter": ["nin", "tier", ["small", 3]]}""", "filter[2][1]: 'tier' is a string field; expected a string, got a number")]
    [InlineData("""{"filter": ["eq", "circuit", "opn"]}""", "filter[2]: unknown circuit state 'opn' (one of closed, open, half_open) (did you mean 'open'?)")]
    [InlineData("""{"filter": ["in", "capabilities", ["vison"]]}""", "filter[2][0]: unknown capability 'vison' (did you mean 'vision'?)")]
    // Rank.
    [InlineData("""{"rank": "lowest_cots"}""", "rank: unknown strategy 'lowest_cots' (one of balanced, lowest_cost, fastest, best_quality, max_reliability) (did you mean 'lowest_cost'?)")]
    [InlineData("""{"rank": ["field", "provider"]}""", "rank[1]: a scorer needs a number field; 'provider' is a string field")]
    [InlineData("""{"rank": ["weighted", [[1, ["fild", "price_in"]]]]}""", "rank[1][0][1][0]: unknown scorer 'fild' (did you mean 'field'?)")]
    [InlineData("""{"rank": ["weighted", [[1, ["field", "latency_p50"]]]]}""", "rank[1][0][1][1]: unknown field 'latency_p50' (did you mean 'latency_p50_ms'?)")]
    [InlineData("""{"rank": ["weighted", [["1", ["const", 1]]]]}""", "rank[1][0][0]: a weight must be a number, got a string")]
    [InlineData("""{"rank": ["weighted", [[1]]]}""", "rank[1][0]: a weighted term is a [weight, scorer] pair, got an array")]
    [InlineData("""{"rank": ["weighted", []]}""", "rank[1]: 'weighted' takes a non-empty list of [weight, scorer] pairs, got an array")]
    [InlineData("""{"rank": ["const", 1e999]}""", "rank[1]: a constant is out of range: 1e999")]
    [InlineData("""{"rank": ["neg"]}""", "rank: 'neg' takes the form [\"neg\", S], got 1 element")]
    [InlineData("""{"rank": 1}""", "rank: a scorer must be a non-empty array like [\"field\", \"bench_intelligence\"], got a number")]
    // Select.
    [InlineData("""{"select": ["argmx"]}""", "select[0]: unknown selection 'argmx' (did you mean 'argmax'?)")]
    [InlineData("""{"select": ["argmax", "x"]}""", "select: 'argmax' takes the form [\"argmax\"], got 2 elements")]
    [InlineData("""{"select": ["pin", ""]}""", "select[1]: a model id must not be empty")]
    [InlineData("""{"select": ["pin", 7]}""", "select[1]: a model id must be a string, got a number")]
    [InlineData("""{"select": ["split", [["a", 1], ["a", 2]]]}""", "select[1][1][0]: model 'a' appears in more than one arm")]
    [InlineData("""{"select": ["split", [["a", 0]]]}""", "select[1][0][1]: a split weight must be greater than 0, got 0")]
    [InlineData("""{"select": ["split", []]}""", "select[1]: 'split' takes a non-empty list of [model, weight] arms, got an array")]
    [InlineData("""{"select": ["split", [["a"]]]}""", "select[1][0]: a split arm is a [model, weight] pair, got an array")]
    // Fallback.
    [InlineData("""{"fallback": {"max_attempts": 0}}""", "fallback.max_attempts: max_attempts must be an integer from 1 to 10, got 0")]
    [InlineData("""{"fallback": {"max_attempts": 11}}""", "fallback.max_attempts: max_attempts must be an integer from 1 to 10, got 11")]
    [InlineData("""{"fallback": {"max_attempts": 2.5}}""", "fallback.max_attempts: max_attempts must be an integer from 1 to 10, got 2.5")]
    [InlineData("""{"fallback": {"attempt_timeout_ms": 0}}""", "fallback.attempt_timeout_ms: attempt_timeout_ms must be an integer from 1 to 2147483647, got 0")]
    [InlineData("""{"fallback": {"on": ["timeout", "timout"]}}""", "fallback.on[1]: unknown error kind 'timout' (did you mean 'timeout'?)")]
    [InlineData("""{"fallback": {"on": ["auth"]}}""", "fallback.on[0]: 'auth' never moves to another model (one of rate_limited, overloaded, server_error, timeout, connect, context_length)")]
    [InlineData("""{"fallback": {"on": "timeout"}}""", "fallback.on: on must be a list of error kinds, got a string")]
    [InlineData("""{"fallback": {"max_atempts": 2}}""", "fallback.max_atempts: unknown key 'max_atempts' (did you mean 'max_attempts'?)")]
    [InlineData("""{"fallback": {"on": [], "on": []}}""", "fallback.on: duplicate key 'on'")]
    [InlineData("""{"fallback": []}""", "fallback: fallback must be an object, got an array")]
    public void Parse_InvalidPolicy_ReportsPathMessageAndSuggestion(string json, string expected)
    {
        var result = Parse(json);

        Assert.False(result.IsValid);
        Assert.Null(result.Policy);
        Assert.Equal(expected, Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Parse_SeveralMistakes_ReportsEveryOneInDocumentOrder()
    {
        var result = Parse("""
            {"filter": ["and", ["eq", "regoin", "eu"], ["has", "vison"], ["cmp", "tier", "ge", 1]],
             "rank": "cheapest", "fallback": {"max_attempts": 20}, "extra": 1}
            """);

        Assert.Equal(
            [
                "filter[1][1]: unknown field 'regoin' (did you mean 'region'?)",
                "filter[2][1]: unknown capability 'vison' (did you mean 'vision'?)",
                "filter[3][1]: 'cmp' needs a number field; 'tier' is a string field",
                "rank: unknown strategy 'cheapest' (one of balanced, lowest_cost, fastest, best_quality, max_reliability)",
                "fallback.max_attempts: max_attempts must be an integer from 1 to 10, got 20",
                "extra: unknown key 'extra'",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Parse_Suggestion_IsAlsoAStructuredMember()
    {
        var error = Assert.Single(Parse("""{"filter": ["eq", "regoin", "eu"]}""").Errors);

        Assert.Equal("filter[1]", error.Path);
        Assert.Equal("unknown field 'regoin'", error.Message);
        Assert.Equal("region", error.Suggestion);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"rank\": }")]
    [InlineData("{} {}")]
    [InlineData("")]
    [InlineData("{\"a\": 1 /* comment */}")]
    public void Parse_MalformedJson_ReportsOneRootError(string json)
    {
        var error = Assert.Single(Parse(json).Errors);

        Assert.Equal("$", error.Path);
        Assert.StartsWith("invalid JSON: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestingBeyondLimit_IsAnError()
    {
        var deep = "{\"filter\": " + string.Concat(Enumerable.Repeat("[\"not\", ", 80)) + "[\"true\"]" + new string(']', 80) + "}";

        Assert.False(Parse(deep).IsValid);
    }

    private static PolicyParseResult Parse(string json) => PolicyParser.Parse(Encoding.UTF8.GetBytes(json));
}
