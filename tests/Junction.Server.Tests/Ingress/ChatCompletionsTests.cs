using System.Net;
using System.Text.Json;
using Junction.Server.Tests.Infrastructure;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;
using static Junction.Server.Tests.Infrastructure.TenantGatewayFixture;

namespace Junction.Server.Tests.Ingress;

public sealed class ChatCompletionsTests(TenantGatewayFixture fixture) : IClassFixture<TenantGatewayFixture>
{
    private HttpClient Client(string key = GlobexKey) => fixture.Gateway.CreateClient(key);

    [Fact]
    public async Task Post_Auto_AnswersWithModelCostPolicyAndTrace()
    {
        using var client = Client(AcmeKey);

        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"));

        var body = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        var model = body.GetProperty("model").GetString();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()));
        var junction = body.GetProperty("junction");
        Assert.Equal(model, junction.GetProperty("model").GetString());
        Assert.Equal(model, response.Header("x-junction-model"));
        Assert.Equal(junction.GetProperty("provider").GetString(), response.Header("x-junction-provider"));
        Assert.StartsWith("pol_", junction.GetProperty("policy").GetString());
        Assert.Equal(junction.GetProperty("policy").GetString(), response.Header("x-junction-policy"));
        Assert.Equal(junction.GetProperty("trace_id").GetString(), response.Header("x-junction-trace-id"));
        Assert.True(junction.GetProperty("actual_cost").GetDouble() > 0);
        Assert.True(junction.GetProperty("estimated_cost").GetDouble() > 0);
        Assert.Equal(1, junction.GetProperty("attempts").GetInt32());
        Assert.True(double.Parse(response.Header("x-junction-cost-usd"), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task Post_ActualCost_IsUsageTimesCatalogPrices()
    {
        using var client = Client();

        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat("gpt-5-mini"));

        var body = await response.ReadJsonAsync();
        var usage = body.GetProperty("usage");
        var expected = (usage.GetProperty("prompt_tokens").GetInt32() * 0.25 / 1e6) + (usage.GetProperty("completion_tokens").GetInt32() * 2.0 / 1e6);
        Assert.Equal(expected, body.GetProperty("junction").GetProperty("actual_cost").GetDouble(), 10);
    }

    [Fact]
    public async Task Post_StrategyAsModel_PicksTheCheapestSurvivor()
    {
        using var client = Client(AcmeKey);

        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat("lowest-cost"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // Acme's cheapest survivor: eu, quality >= 0.5, openai/anthropic/mistral.
        Assert.Equal("gpt-5-nano", response.Header("x-junction-model"));
    }

    [Fact]
    public async Task Post_ConcreteModel_ForcesIt()
    {
        using var client = Client();

        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat("deepseek-chat"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("deepseek-chat", response.Header("x-junction-model"));
        Assert.Equal("deepseek", response.Header("x-junction-provider"));
    }

    [Fact]
    public async Task Post_ProviderSlashModel_ForcesIt()
    {
        using var client = Client();

        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat("anthropic/claude-sonnet-4-5"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("claude-sonnet-4-5", response.Header("x-junction-model"));
        var body = await response.ReadJsonAsync();
        Assert.Equal("claude-sonnet-4-5", body.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Post_BodyKnobs_StrategyAndForceAreApplied()
    {
        using var client = Client();

        using var cheapest = await client.PostJsonAsync("/v1/chat/completions", Chat("auto", extra: ""","junction":{"strategy":"lowest_cost","tags":["t1"]}"""));
        using var forced = await client.PostJsonAsync("/v1/chat/completions", Chat("auto", extra: ""","junction":{"force_model":"o3"}"""));

        Assert.Equal("llama-3.1-8b-instant", cheapest.Header("x-junction-model"));
        Assert.Equal("o3", forced.Header("x-junction-model"));
    }

    [Fact]
    public async Task Post_HeaderKnobs_StrategyForcePolicyAndMaxCostAreApplied()
    {
        using var client = Client();

        using var cheapest = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"), new Dictionary<string, string> { ["X-Junction-Strategy"] = "lowest-cost" });
        using var forced = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"), new Dictionary<string, string> { ["X-Junction-Force-Model"] = "gpt-5" });
        using var filtered = await client.PostJsonAsync("/v1/chat/completions", Chat("lowest-cost"), new Dictionary<string, string>
        {
            ["X-Junction-Policy"] = """{"filter":["eq","provider","anthropic"]}""",
        });
        using var tooCheap = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"), new Dictionary<string, string> { ["X-Junction-Max-Cost"] = "0.0000000001" });

        Assert.Equal("llama-3.1-8b-instant", cheapest.Header("x-junction-model"));
        Assert.Equal("gpt-5", forced.Header("x-junction-model"));
        Assert.Equal("claude-haiku-4-5", filtered.Header("x-junction-model"));
        await tooCheap.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "no_route");
    }

    [Fact]
    public async Task Post_BodyKnobOverridesHeaderKnob()
    {
        using var client = Client();

        using var response = await client.PostJsonAsync(
            "/v1/chat/completions",
            Chat("auto", extra: ""","junction":{"force_model":"o3"}"""),
            new Dictionary<string, string> { ["X-Junction-Force-Model"] = "gpt-5" });

        Assert.Equal("o3", response.Header("x-junction-model"));
    }

    [Fact]
    public async Task Post_UnknownFields_AreAcceptedAndJunctionObjectIsNotForwarded()
    {
        using var client = Client();

        // Unknown OpenAI fields ride along to same-dialect upstreams; the junction object never leaves the gateway.
        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat("gpt-5", extra: ""","metadata":{"k":"v"},"junction":{"tags":["a"]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_InvalidJson_Is400InvalidJson()
    {
        using var client = Client();

        using var response = await client.PostJsonAsync("/v1/chat/completions", """{"model":"auto","messages":[""");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_json");
    }

    [Theory]
    [InlineData("""{"model":"auto"}""")]
    [InlineData("""{"model":"auto","messages":[]}""")]
    public async Task Post_MissingOrEmptyMessages_Is400WithParamMessages(string body)
    {
        using var client = Client();

        using var response = await client.PostJsonAsync("/v1/chat/completions", body);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "missing_required_parameter", "messages");
    }

    [Theory]
    [InlineData("""{"model":"auto","messages":[{"role":"user","content":"hi"}],"temperature":"hot"}""", "temperature")]
    [InlineData("""{"model":"auto","messages":[{"role":"user","content":"hi"}],"stream":"yes"}""", "stream")]
    [InlineData("""{"model":"auto","messages":[{"role":"robot","content":"hi"}]}""", "messages[0].role")]
    [InlineData("""{"model":"auto","messages":[{"role":"user","content":42}]}""", "messages[0].content")]
    [InlineData("""{"model":"auto","messages":[{"role":"user","content":"hi"}],"max_tokens":0}""", "max_tokens")]
    [InlineData("""{"model":7,"messages":[{"role":"user","content":"hi"}]}""", "model")]
    [InlineData("""{"model":"auto","messages":[{"role":"user","content":"hi"}],"junction":{"max_cost":"cheap"}}""", "junction.max_cost")]
    [InlineData("""{"model":"auto","messages":[{"role":"user","content":"hi"}],"junction":{"strategy":"cheapest"}}""", "junction.strategy")]
    [InlineData("""{"model":"auto","messages":[{"role":"user","content":"hi"}],"junction":{"stratgy":"balanced"}}""", "junction.stratgy")]
    public async Task Post_BadFieldType_Is400WithParam(string body, string param)
    {
        using var client = Client();

        using var response = await client.PostJsonAsync("/v1/chat/completions", body);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_value", param);
    }

    [Fact]
    public async Task Post_UnknownModel_Is404WithSuggestion()
    {
        using var client = Client();

        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat("gpt-5-mnii"));

        var error = await response.AssertErrorAsync(HttpStatusCode.NotFound, "model_not_found", "model");
        Assert.Contains("did you mean 'gpt-5-mini'", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Post_InvalidPolicy_Is400WithEveryErrorPath()
    {
        using var client = Client();
        const string Policy = """{"filter":["and",["eq","regoin","eu"],["cmp","provider","ge",1]],"rank":"cheapest"}""";

        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat("auto", extra: $$""","junction":{"policy":{{Policy}}}"""));

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_policy", "junction.policy");
        var errors = error.GetProperty("errors");
        Assert.True(errors.GetArrayLength() >= 3);
        var message = error.GetProperty("message").GetString()!;
        foreach (var e in errors.EnumerateArray())
        {
            Assert.Contains(e.GetProperty("path").GetString()!, message);
        }

        Assert.Contains("region", message);
    }

    [Fact]
    public async Task Post_InvalidPolicyHeader_Is400InvalidPolicy()
    {
        using var client = Client();

        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"), new Dictionary<string, string> { ["X-Junction-Policy"] = """{"filter":["eq","regoin","eu"]}""" });

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_policy", "X-Junction-Policy");
    }

    [Fact]
    public async Task Post_NoSurvivor_Is422NoRouteWithTrace()
    {
        using var client = Client();

        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat("auto", extra: ""","junction":{"policy":{"filter":["eq","region","antarctica"]}}"""));

        await response.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "no_route");
        var body = await response.ReadJsonAsync();
        var trace = body.GetProperty("trace");
        Assert.Equal(0, trace.GetProperty("ranked").GetArrayLength());
        Assert.Equal(42, trace.GetProperty("rejected").GetArrayLength());
        Assert.Equal(response.Header("x-junction-trace-id"), trace.GetProperty("trace_id").GetString());
    }

    [Fact]
    public async Task Post_ForcedModelForbiddenByTenant_Is403NamingRuleAndLayer()
    {
        using var client = Client(AcmeKey);

        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat("deepseek-chat"));

        var error = await response.AssertErrorAsync(HttpStatusCode.Forbidden, "policy_denied");
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("tenant:acme", message);
        Assert.Contains("deepseek-chat", message);
        Assert.Matches("""rule \["(eq|in)","(region|provider)",""", message);
        var body = await response.ReadJsonAsync();
        Assert.Equal(JsonValueKind.Object, body.GetProperty("trace").ValueKind);
    }

    [Fact]
    public async Task Post_KeyPolicy_NarrowsTheTenantPolicy()
    {
        using var tenantKey = Client(AcmeKey);
        using var narrowKey = Client(AcmeNarrowKey);

        using var allowed = await tenantKey.PostJsonAsync("/v1/chat/completions", Chat("magistral-medium-latest"));
        using var denied = await narrowKey.PostJsonAsync("/v1/chat/completions", Chat("magistral-medium-latest"));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var error = await denied.AssertErrorAsync(HttpStatusCode.Forbidden, "policy_denied");
        Assert.Contains("key:acme-narrow", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Post_MissingKey_Is401()
    {
        using var client = Client(key: null!);

        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"));

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Fact]
    public async Task Post_WrongKey_Is401()
    {
        using var client = Client("jk_not_a_real_key");

        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"));

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_api_key");
    }
}
