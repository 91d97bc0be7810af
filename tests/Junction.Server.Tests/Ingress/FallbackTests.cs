using System.Net;
using Junction.Server.Tests.Infrastructure;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;
using static Junction.Server.Tests.Infrastructure.TenantGatewayFixture;

namespace Junction.Server.Tests.Ingress;

public sealed class FallbackTests(TenantGatewayFixture fixture) : IClassFixture<TenantGatewayFixture>
{
    private static string Between(string first, string second, string extraPolicy = "") =>
        Chat("auto", extra: $$$""","junction":{"policy":{"filter":["in","model",["{{{first}}}","{{{second}}}"]],"rank":"lowest_cost"{{{extraPolicy}}}}}""");

    [Fact]
    public async Task Post_ServerErrorOnFirstModel_FallsOverAndRecordsBothAttempts()
    {
        using var client = fixture.Gateway.CreateClient(GlobexKey);

        using var response = await client.PostJsonAsync("/v1/chat/completions", Between(Failing500Model, "gpt-4.1-mini"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gpt-4.1-mini", response.Header("x-junction-model"));
        using var traceResponse = await client.GetAsync($"/x/traces/{response.Header("x-junction-trace-id")}");
        var attempts = (await traceResponse.ReadJsonAsync()).GetProperty("attempts");
        Assert.Equal(2, attempts.GetArrayLength());
        Assert.Equal(Failing500Model, attempts[0].GetProperty("model").GetString());
        Assert.Equal("server_error", attempts[0].GetProperty("outcome").GetString());
        Assert.Equal(500, attempts[0].GetProperty("status").GetInt32());
        Assert.Equal("openai", attempts[0].GetProperty("upstream").GetString());
        Assert.Equal("ok", attempts[1].GetProperty("outcome").GetString());
        Assert.True(attempts[1].GetProperty("latency_ms").GetDouble() >= 0);
    }

    [Fact]
    public async Task Post_RateLimitedFirstModel_FallsOver()
    {
        using var client = fixture.Gateway.CreateClient(GlobexKey);

        using var response = await client.PostJsonAsync("/v1/chat/completions", Between(RateLimitedModel, "gpt-4.1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gpt-4.1", response.Header("x-junction-model"));
        Assert.Equal(2, (await response.ReadJsonAsync()).GetProperty("junction").GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Post_FallbackNotAllowedForKind_DoesNotFallOver()
    {
        using var client = fixture.Gateway.CreateClient(GlobexKey);

        using var response = await client.PostJsonAsync(
            "/v1/chat/completions",
            Between(Failing500Model, "gpt-4.1-mini", ""","fallback":{"on":["rate_limited"]}"""));

        await response.AssertErrorAsync(HttpStatusCode.BadGateway, "upstream_error");
    }

    [Fact]
    public async Task Post_OnlyModelRateLimited_Is429WithRetryAfter()
    {
        using var client = fixture.Gateway.CreateClient(GlobexKey);

        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat(RateLimitedModel));

        await response.AssertErrorAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal(JsonValueKindObject, (await response.ReadJsonAsync()).GetProperty("trace").ValueKind);
    }

    [Fact]
    public async Task Post_OnlyModelFails_Is502UpstreamErrorWithTrace()
    {
        using var client = fixture.Gateway.CreateClient(GlobexKey);

        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat(Failing500Model));

        await response.AssertErrorAsync(HttpStatusCode.BadGateway, "upstream_error");
        var trace = (await response.ReadJsonAsync()).GetProperty("trace");
        Assert.Equal("server_error", trace.GetProperty("attempts")[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Post_OnlyModelHangs_Is504AfterTheAttemptTimeout()
    {
        using var client = fixture.Gateway.CreateClient(GlobexKey);

        using var response = await client.PostJsonAsync(
            "/v1/chat/completions",
            Chat(HangingModel, extra: ""","junction":{"policy":{"fallback":{"attempt_timeout_ms":300}}}"""));

        await response.AssertErrorAsync(HttpStatusCode.GatewayTimeout, "upstream_timeout");
    }

    private const System.Text.Json.JsonValueKind JsonValueKindObject = System.Text.Json.JsonValueKind.Object;
}
