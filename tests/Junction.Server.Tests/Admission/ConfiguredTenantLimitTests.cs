using System.Net;
using Junction.Server.Hosting;
using Junction.Server.Tests.Infrastructure;
using Junction.Simulator;
using Junction.Storage;
using Junction.Storage.Keys;
using Microsoft.Extensions.DependencyInjection;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Admission;

public sealed class ConfiguredTenantLimitTests
{
    private const string AcmeKey = "jk_test_configured_acme";
    private const string TeamKey = "jk_test_configured_team";

    // gpt-4.1: 1000 output tokens at its price_out make a worst case of a few cents.
    private const string Expensive = """{"model":"gpt-4.1","max_tokens":1000,"messages":[{"role":"user","content":"hi"}]}""";

    [Fact]
    public async Task ConfiguredBudgets_RefuseWith402BeforeAnyProviderCall()
    {
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Seed = 1 });
        var settings = Settings(simulator);
        settings["Junction:Tenants:0:DailyBudget"] = "0.000001";
        settings["Junction:Tenants:1:Id"] = "team";
        settings["Junction:Tenants:1:Keys:0:Id"] = "team-batch";
        settings["Junction:Tenants:1:Keys:0:Hash"] = ApiKeySecrets.Hash(TeamKey);
        settings["Junction:Tenants:1:Keys:0:MonthlyBudget"] = "0.000001";
        await using var gateway = await RunningGateway.StartAsync(settings);
        using var acme = gateway.CreateClient(AcmeKey);
        using var team = gateway.CreateClient(TeamKey);

        using var tenantRefused = await acme.PostJsonAsync("/v1/chat/completions", Expensive);
        using var keyRefused = await team.PostJsonAsync("/v1/chat/completions", Expensive);

        var tenantError = await tenantRefused.AssertErrorAsync(HttpStatusCode.PaymentRequired, "budget_exceeded");
        Assert.Equal("insufficient_quota", tenantError.GetProperty("type").GetString());
        Assert.Contains("daily budget of tenant:acme", tenantError.GetProperty("message").GetString(), StringComparison.Ordinal);
        var keyError = await keyRefused.AssertErrorAsync(HttpStatusCode.PaymentRequired, "budget_exceeded");
        Assert.Contains("monthly budget of key:team-batch", keyError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, simulator.RequestCount);
    }

    [Fact]
    public async Task ConfiguredRpm_Answers429WithRetryAfterAndCountsSpend()
    {
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { Seed = 1 });
        var settings = Settings(simulator);
        settings["Junction:Tenants:0:Rpm"] = "1";
        settings["Junction:Tenants:0:Tpm"] = "100000";
        settings["Junction:Tenants:0:MonthlyBudget"] = "100";
        await using var gateway = await RunningGateway.StartAsync(settings);
        using var client = gateway.CreateClient(AcmeKey);

        using var first = await client.PostJsonAsync("/v1/chat/completions", Chat("gpt-4.1-mini"));
        using var second = await client.PostJsonAsync("/v1/chat/completions", Chat("gpt-4.1-mini"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("1", first.Header("x-ratelimit-limit-requests"));
        Assert.Equal("0", first.Header("x-ratelimit-remaining-requests"));
        Assert.Equal("100000", first.Header("x-ratelimit-limit-tokens"));
        var error = await second.AssertErrorAsync(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.Contains("Requests-per-minute limit of tenant:acme", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(second.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(1, simulator.RequestCount);
        var store = gateway.Services.GetRequiredService<EmbeddedStore>();
        var tenant = await store.Budgets.GetUsageAsync(ScopeKind.Tenant, "acme");
        var key = await store.Budgets.GetUsageAsync(ScopeKind.Key, "acme-main");
        Assert.True(tenant.SpentThisMonthUsd > 0);
        Assert.Equal(tenant.SpentThisMonthUsd, key.SpentThisMonthUsd);
        Assert.Equal(0m, tenant.HeldUsd);
    }

    [Fact]
    public async Task InvalidConfiguredLimits_RefuseToStartNamingEachPath()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Junction:Tenants:0:Id"] = "acme",
            ["Junction:Tenants:0:DailyBudget"] = "-1",
            ["Junction:Tenants:0:Tpm"] = "0",
            ["Junction:Tenants:0:LoggingMode"] = "verbose",
            ["Junction:Tenants:0:Keys:0:Id"] = "acme-main",
            ["Junction:Tenants:0:Keys:0:Hash"] = ApiKeySecrets.Hash(AcmeKey),
            ["Junction:Tenants:0:Keys:0:Rpm"] = "-5",
        };

        var error = await Assert.ThrowsAsync<GatewayConfigurationException>(() => RunningGateway.StartAsync(settings));

        Assert.Contains("Junction:Tenants:0:DailyBudget: must not be negative", error.Message, StringComparison.Ordinal);
        Assert.Contains("Junction:Tenants:0:Tpm: must be a positive", error.Message, StringComparison.Ordinal);
        Assert.Contains("Junction:Tenants:0:LoggingMode: expected 'full' or 'metadata'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Junction:Tenants:0:Keys:0:Rpm: must be a positive", error.Message, StringComparison.Ordinal);
    }

    /// <summary>One configured tenant <c>acme</c> with key <c>acme-main</c>; every provider answered by <paramref name="simulator"/>.</summary>
    private static Dictionary<string, string?> Settings(SimulatorHost simulator)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Junction:Simulator:Enabled"] = "false",
            ["Junction:Tenants:0:Id"] = "acme",
            ["Junction:Tenants:0:Keys:0:Id"] = "acme-main",
            ["Junction:Tenants:0:Keys:0:Hash"] = ApiKeySecrets.Hash(AcmeKey),
        };
        foreach (var provider in new[] { "openai", "anthropic", "groq", "deepseek", "mistral" })
        {
            settings[$"Junction:Providers:{provider}:BaseUrl"] = simulator.BaseUrl.ToString();
            settings[$"Junction:Providers:{provider}:ApiKey"] = "sk-sim";
        }

        return settings;
    }
}
