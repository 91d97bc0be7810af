using System.Net;
using System.Text.Json;
using Junction.Server.Tests.Infrastructure;
using Junction.Storage.Keys;
using Junction.Storage.Tenants;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Admin;

public sealed class CatalogAdminApiTests
{
    [Fact]
    public async Task Catalog_ShowsPricesLiveStatsAndTheCircuitAModelsFailuresOpened()
    {
        await using var faulty = await FaultyOpenAIGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Junction:LiveStats:ConsecutiveFailuresToOpen"] = "1",
        });
        var gateway = faulty.Gateway;
        using var member = gateway.CreateClient(await gateway.AddKeyAsync(new Tenant { Id = "acme", Name = "Acme" }));
        using var viewer = gateway.CreateClient(await gateway.AddKeyAsync(new Tenant { Id = "acme", Name = "Acme" }, ApiKeyRole.Viewer));
        using var ok = await member.PostJsonAsync("/v1/chat/completions", Chat("gpt-4.1"));
        using var failed = await member.PostJsonAsync("/v1/chat/completions", Chat(FaultyOpenAIGateway.FailingModel));

        using var response = await viewer.GetAsync("/admin/catalog");
        using var refused = await member.GetAsync("/admin/catalog");

        var body = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("cat_", body.GetProperty("version").GetString(), StringComparison.Ordinal);
        var models = body.GetProperty("data").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!);
        Assert.True(models.Count > 10);
        var good = models["gpt-4.1"];
        Assert.Equal("openai", good.GetProperty("provider").GetString());
        Assert.True(good.GetProperty("price_in").GetDouble() > 0);
        Assert.True(good.GetProperty("price_out").GetDouble() > 0);
        Assert.True(good.GetProperty("context_window").GetInt32() > 0);
        Assert.True(good.GetProperty("max_output").GetInt32() > 0);
        Assert.Equal(JsonValueKind.Array, good.GetProperty("regions").ValueKind);
        Assert.Contains("streaming", good.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.InRange(good.GetProperty("bench_intelligence").GetDouble(), 0, 1);
        Assert.Equal(1, good.GetProperty("live").GetProperty("samples").GetInt64());
        Assert.Equal("closed", good.GetProperty("circuit").GetString());
        var bad = models[FaultyOpenAIGateway.FailingModel];
        Assert.Equal("open", bad.GetProperty("circuit").GetString());
        Assert.Equal(1, bad.GetProperty("live").GetProperty("samples").GetInt64());
        var untried = models["mistral-large-latest"];
        Assert.Equal(0, untried.GetProperty("live").GetProperty("samples").GetInt64());
        Assert.Equal("closed", untried.GetProperty("circuit").GetString());
        foreach (var field in new[] { "latency_p50_ms", "ttft_p50_ms", "tokens_per_s", "availability" })
        {
            Assert.True(untried.GetProperty("live").GetProperty(field).GetDouble() > 0, field);
        }

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
