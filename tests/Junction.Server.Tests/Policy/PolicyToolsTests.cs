using System.Net;
using System.Text.Json;
using Junction.Server.Tests.Infrastructure;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;
using static Junction.Server.Tests.Infrastructure.TenantGatewayFixture;

namespace Junction.Server.Tests.Policy;

public sealed class PolicyToolsTests(TenantGatewayFixture fixture) : IClassFixture<TenantGatewayFixture>
{
    [Fact]
    public async Task Rank_SeedTenantRules_ListsEveryRejectionWithRuleAndLayerAndRankedSurvivors()
    {
        using var client = fixture.Gateway.CreateClient(AcmeKey);
        var request = """
            {"prompt": "Summarise this contract.", "max_tokens": 200,
             "policy": {"filter": ["nin", "provider", ["mistral"]]}, "strategy": "lowest-cost"}
            """;

        using var response = await client.PostJsonAsync("/x/rank", request);

        var trace = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rejected = trace.GetProperty("rejected").EnumerateArray().ToList();
        var ranked = trace.GetProperty("ranked").EnumerateArray().ToList();
        Assert.Equal(42, rejected.Count + ranked.Count);
        Assert.All(ranked, r => Assert.Equal("openai", r.GetProperty("provider").GetString()));
        Assert.Equal("gpt-5-nano", trace.GetProperty("chosen").GetProperty("model").GetString());
        Assert.Empty(trace.GetProperty("attempts").EnumerateArray());

        var byModel = rejected.ToDictionary(r => r.GetProperty("model").GetString()!);
        Assert.Equal("host:credentials", byModel["gemini-2.5-pro"].GetProperty("layer").GetString());
        Assert.Equal("""["nin","provider",["google"]]""", byModel["gemini-2.5-pro"].GetProperty("rule").GetString());
        Assert.Equal("tenant:acme", byModel["gpt-4.1-nano"].GetProperty("layer").GetString());
        Assert.Equal("""["cmp","bench_intelligence","ge",0.5]""", byModel["gpt-4.1-nano"].GetProperty("rule").GetString());
        Assert.Equal(0.27, byModel["gpt-4.1-nano"].GetProperty("actual").GetDouble());
        Assert.Equal("tenant:acme", byModel["deepseek-v4-pro"].GetProperty("layer").GetString());
        Assert.Contains(byModel["deepseek-v4-pro"].GetProperty("rule").GetString(), new[] { """["eq","region","eu"]""", """["in","provider",["anthropic","mistral","openai"]]""" });
        Assert.Equal("""["eq","region","eu"]""", byModel["claude-opus-4-6"].GetProperty("rule").GetString());
        Assert.Equal("request", byModel["magistral-medium-latest"].GetProperty("layer").GetString());
        Assert.Equal("""["nin","provider",["mistral"]]""", byModel["magistral-medium-latest"].GetProperty("rule").GetString());

        var layers = trace.GetProperty("policy").GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("source").GetString()).ToList();
        Assert.Equal(["host", "host:credentials", "tenant:acme", "request"], layers);
        Assert.Equal(200, trace.GetProperty("request").GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task Rank_NoLogTenant_CompilesIntoTheEffectivePolicy()
    {
        using var client = fixture.Gateway.CreateClient(AcmeKey);

        using var rank = await client.PostJsonAsync("/x/rank", """{"prompt":"hi"}""");
        using var validate = await client.PostJsonAsync("/x/validate", $$"""{"policy": {{AcmePolicy}} }""");

        Assert.Equal(HttpStatusCode.OK, rank.StatusCode);
        var canonical = (await validate.ReadJsonAsync()).GetProperty("canonical");
        Assert.True(canonical.GetProperty("no_log").GetBoolean());
    }

    [Fact]
    public async Task Rank_DoesNotCallAnyProvider()
    {
        using var client = fixture.Gateway.CreateClient(GlobexKey);
        var before = fixture.Simulator.RequestCount;

        using var response = await client.PostJsonAsync("/x/rank", """{"model":"gpt-5","messages":[{"role":"user","content":"hi"}],"needs":["tools"]}""");

        var trace = await response.ReadJsonAsync();
        Assert.Equal("gpt-5", trace.GetProperty("chosen").GetProperty("model").GetString());
        Assert.Equal("tools", trace.GetProperty("request").GetProperty("needs")[0].GetString());
        Assert.Equal(before, fixture.Simulator.RequestCount);
    }

    [Fact]
    public async Task Rank_UnknownNeed_Is400()
    {
        using var client = fixture.Gateway.CreateClient(GlobexKey);

        using var response = await client.PostJsonAsync("/x/rank", """{"prompt":"hi","needs":["telepathy"]}""");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_value", "needs");
    }

    [Fact]
    public async Task Validate_ValidPolicy_ReturnsCanonicalFormAndFingerprint()
    {
        using var client = fixture.Gateway.CreateClient(GlobexKey);

        using var a = await client.PostJsonAsync("/x/validate", """{"policy":{"filter":["in","provider",["openai","anthropic","openai"]],"rank":"lowest-cost"}}""");
        using var b = await client.PostJsonAsync("/x/validate", """{"policy":{"rank":"lowest_cost","filter":["in","provider",["anthropic","openai"]]}}""");

        var first = await a.ReadJsonAsync();
        var second = await b.ReadJsonAsync();
        Assert.True(first.GetProperty("valid").GetBoolean());
        Assert.Empty(first.GetProperty("errors").EnumerateArray());
        Assert.StartsWith("pol_", first.GetProperty("fingerprint").GetString());
        Assert.Equal(first.GetProperty("fingerprint").GetString(), second.GetProperty("fingerprint").GetString());
        Assert.Equal("junction-pol/v1", first.GetProperty("canonical").GetProperty("v").GetString());
    }

    [Fact]
    public async Task Validate_InvalidPolicy_ReturnsEveryErrorWithPathAndSuggestion()
    {
        using var client = fixture.Gateway.CreateClient(GlobexKey);

        using var response = await client.PostJsonAsync("/x/validate", """{"policy":{"filter":["and",["eq","regoin","eu"],["has","telepathy"]]}}""");

        var body = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body.GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("fingerprint").ValueKind);
        var errors = body.GetProperty("errors").EnumerateArray().ToList();
        Assert.True(errors.Count >= 2);
        Assert.Contains(errors, e => e.GetProperty("path").GetString() == "filter[1][1]" && e.GetProperty("suggestion").GetString() == "region");
    }

    [Fact]
    public async Task Validate_NoPolicyMember_Is400()
    {
        using var client = fixture.Gateway.CreateClient(GlobexKey);

        using var response = await client.PostJsonAsync("/x/validate", """{"filter":[]}""");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "missing_required_parameter", "policy");
    }

    [Fact]
    public async Task Fields_ListsTheRegistryWithTypesUnitsAndOperators()
    {
        using var client = fixture.Gateway.CreateClient(GlobexKey);

        var body = await (await client.GetAsync("/x/fields")).ReadJsonAsync();

        var fields = body.GetProperty("data").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal("string_set", fields["region"].GetProperty("type").GetString());
        Assert.Equal("USD", fields["est_cost"].GetProperty("unit").GetString());
        Assert.Equal("request", fields["est_cost"].GetProperty("source").GetString());
        Assert.Equal("live", fields["availability"].GetProperty("source").GetString());
        Assert.Contains("cmp", fields["price_in"].GetProperty("operators").EnumerateArray().Select(o => o.GetString()));
    }

    [Fact]
    public async Task Traces_AreReadableOnlyByTheirTenant()
    {
        using var acme = fixture.Gateway.CreateClient(AcmeKey);
        using var acmeOtherKey = fixture.Gateway.CreateClient(AcmeNarrowKey);
        using var globex = fixture.Gateway.CreateClient(GlobexKey);
        using var chat = await acme.PostJsonAsync("/v1/chat/completions", Chat("auto"));
        var traceId = chat.Header("x-junction-trace-id");

        using var own = await acme.GetAsync($"/x/traces/{traceId}");
        using var sameTenant = await acmeOtherKey.GetAsync($"/x/traces/{traceId}");
        using var other = await globex.GetAsync($"/x/traces/{traceId}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var trace = await own.ReadJsonAsync();
        Assert.Equal(traceId, trace.GetProperty("trace_id").GetString());
        Assert.Equal(chat.Header("x-junction-model"), trace.GetProperty("chosen").GetProperty("model").GetString());
        Assert.True(trace.GetProperty("cost").GetProperty("actual").GetDouble() > 0);
        Assert.True(trace.GetProperty("timings").GetProperty("total_ms").GetDouble() > 0);
        Assert.Equal(HttpStatusCode.OK, sameTenant.StatusCode);
        await other.AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Models_AreFilteredByTenantAndKeyPolicies()
    {
        using var acme = fixture.Gateway.CreateClient(AcmeKey);
        using var narrow = fixture.Gateway.CreateClient(AcmeNarrowKey);
        using var globex = fixture.Gateway.CreateClient(GlobexKey);

        var acmeModels = await ModelIdsAsync(acme);
        var narrowModels = await ModelIdsAsync(narrow);
        var globexModels = await ModelIdsAsync(globex);

        Assert.Equal(
            ["gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-5.4", "gpt-5.4-mini", "gpt-5.4-nano", "magistral-medium-latest", "o3", "o4-mini"],
            acmeModels);
        Assert.Equal(acmeModels.Where(m => m != "magistral-medium-latest"), narrowModels);
        Assert.Equal(36, globexModels.Count);
        Assert.DoesNotContain(globexModels, m => m.StartsWith("gemini", StringComparison.Ordinal));
    }

    private static async Task<List<string>> ModelIdsAsync(HttpClient client)
    {
        var body = await (await client.GetAsync("/v1/models")).ReadJsonAsync();
        Assert.Equal("list", body.GetProperty("object").GetString());
        return body.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList();
    }
}
