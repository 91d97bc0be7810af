using System.Net;
using Junction.Core.Catalog;
using Junction.Server.Tests.Infrastructure;
using Junction.Storage.Tenants;
using Microsoft.Extensions.DependencyInjection;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Tenancy;

/// <summary>The five seed tenant profiles of docs/tenants.md, each through the gateway with its stored policy.</summary>
public sealed class SeedTenantProfileTests
{
    public static TheoryData<string, string> Profiles() => new()
    {
        { "enterprise", """{"filter":["in","provider",["openai","anthropic"]]}""" },
        { "eu", """{"filter":["eq","region","eu"]}""" },
        { "regulated", """{"filter":["nin","provider",["deepseek","groq"]],"no_log":true}""" },
        { "free", """{"filter":["cmp","price_out","le",1]}""" },
        { "vip", """{"filter":["cmp","bench_intelligence","ge",0.7]}""" },
    };

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Profile_ServedModelSatisfiesTheTenantsPolicy(string profile, string policy)
    {
        await using var gateway = await StoreGateway.StartAsync();
        var secret = await gateway.AddKeyAsync(new Tenant
        {
            Id = profile,
            Name = profile,
            PolicyJson = policy,
            LoggingMode = LoggingMode.Full,
            DailyBudgetUsd = profile == "free" ? 0.05m : null,
        });
        using var client = gateway.CreateClient(secret);

        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat("auto", "profile-marker-text", ""","max_tokens":200"""));
        await gateway.Store.RequestLog.FlushAsync();
        var record = await gateway.Store.RequestLogs.GetAsync(profile, response.Header("x-junction-trace-id"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var catalog = gateway.Gateway.Services.GetRequiredService<CatalogState>().Current;
        var model = catalog.Models.First(m => m.Id == response.Header("x-junction-model"));
        switch (profile)
        {
            case "enterprise":
                Assert.Contains(model.Provider, new[] { "openai", "anthropic" });
                break;
            case "eu":
                Assert.Contains("eu", model.Regions);
                break;
            case "regulated":
                Assert.DoesNotContain(model.Provider, new[] { "deepseek", "groq" });
                Assert.True(record!.RequestBody is not { Length: > 0 });
                break;
            case "free":
                Assert.True(model.PriceOut <= 1, $"{model.Id} price_out {model.PriceOut}");
                break;
            case "vip":
                Assert.True(model.BenchIntelligence >= 0.7, $"{model.Id} bench {model.BenchIntelligence}");
                break;
        }

        Assert.NotNull(record);
        Assert.Equal(model.Id, record.Model);
        if (profile != "regulated")
        {
            Assert.NotNull(record.RequestBody);
        }
    }
}
