using System.Net;
using Junction.Server.Hosting;
using Junction.Server.Tests.Infrastructure;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Auth;

public sealed class LocalModeTests
{
    [Fact]
    public async Task NoConfiguration_AnswersTheLocalKeyThroughTheEmbeddedSimulator()
    {
        await using var gateway = await RunningGateway.StartAsync(FastSimulator());
        using var client = gateway.CreateClient("jk_local_dev");

        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"));
        using var trace = await client.GetAsync($"/x/traces/{response.Header("x-junction-trace-id")}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var attempt = (await trace.ReadJsonAsync()).GetProperty("attempts")[0];
        Assert.Equal("simulator", attempt.GetProperty("upstream").GetString());
        Assert.Equal("ok", attempt.GetProperty("outcome").GetString());
        Assert.Equal("tenant:local", (await trace.ReadJsonAsync()).GetProperty("policy").GetProperty("layers")[1].GetProperty("source").GetString());
    }

    [Fact]
    public async Task NoConfiguration_OtherKeysAre401()
    {
        await using var gateway = await RunningGateway.StartAsync(FastSimulator());
        using var client = gateway.CreateClient("jk_something_else");

        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"));

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Fact]
    public async Task NoConfiguration_ReadyzReportsLocalModeAndSimulatorUp()
    {
        await using var gateway = await RunningGateway.StartAsync(FastSimulator());
        using var client = gateway.CreateClient(null);

        using var ready = await client.GetAsync("/readyz");
        using var live = await client.GetAsync("/healthz");

        var body = await ready.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("local", body.GetProperty("mode").GetString());
        Assert.Equal("up", body.GetProperty("simulator").GetString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task NoConfiguration_OnANonLoopbackAddress_RefusesToStart()
    {
        var error = await Assert.ThrowsAsync<GatewayConfigurationException>(() => RunningGateway.StartAsync(FastSimulator(), host: "0.0.0.0"));

        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
        Assert.Contains("Junction:Tenants", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidTenantConfiguration_RefusesToStartNamingEveryProblem()
    {
        var settings = FastSimulator();
        settings["Junction:Tenants:0:Id"] = "acme";
        settings["Junction:Tenants:0:Policy"] = """{"filter":["eq","regoin","eu"]}""";
        settings["Junction:Tenants:0:Keys:0:Id"] = "k1";
        settings["Junction:Tenants:0:Keys:0:Hash"] = "sha256:not-hex";

        var error = await Assert.ThrowsAsync<GatewayConfigurationException>(() => RunningGateway.StartAsync(settings));

        Assert.Contains("Junction:Tenants:0:Policy: filter[1]: unknown field 'regoin' (did you mean 'region'?)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Junction:Tenants:0:Keys:0:Hash", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> FastSimulator() => new()
    {
        ["Junction:Simulator:LatencyMs"] = "0",
        ["Junction:Simulator:TtftMs"] = "0",
        ["Junction:Simulator:TokensPerSecond"] = "0",
    };
}
