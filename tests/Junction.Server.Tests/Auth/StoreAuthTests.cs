using System.Net;
using Junction.Server.Tests.Infrastructure;
using Junction.Storage.Keys;
using Junction.Storage.Tenants;
using Microsoft.Extensions.DependencyInjection;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Auth;

public sealed class StoreAuthTests
{
    [Fact]
    public async Task StoredKey_AuthenticatesAndTracesTenantAndKeyLayers()
    {
        await using var gateway = await StoreGateway.StartAsync();
        var secret = await gateway.AddKeyAsync(new Tenant { Id = "acme", Name = "Acme", PolicyJson = """{"filter":["eq","provider","openai"]}""" },
            shape: k => k with { PolicyJson = """{"filter":["nin","model",["gpt-4.1-nano"]]}""" });
        using var client = gateway.CreateClient(secret);

        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"));
        using var trace = await client.GetAsync($"/x/traces/{response.Header("x-junction-trace-id")}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("openai", response.Header("x-junction-provider"));
        var layers = (await trace.ReadJsonAsync()).GetProperty("policy").GetProperty("layers");
        var sources = new List<string?>();
        foreach (var layer in layers.EnumerateArray())
        {
            sources.Add(layer.GetProperty("source").GetString());
        }

        Assert.Contains("tenant:acme", sources);
        Assert.Contains(sources, s => s is not null && s.StartsWith("key:jk_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RevokedKey_IsRefusedOnTheVeryNextRequest()
    {
        await using var gateway = await StoreGateway.StartAsync();
        var secret = await gateway.AddKeyAsync(new Tenant { Id = "acme", Name = "Acme" });
        using var client = gateway.CreateClient(secret);
        using var before = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"));
        var key = (await gateway.Store.Keys.ListAsync("acme"))[0];

        await gateway.Store.Keys.RevokeAsync("acme", key.Id);
        using var after = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await after.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Fact]
    public async Task ViewerKey_IsRefusedInference()
    {
        await using var gateway = await StoreGateway.StartAsync();
        var secret = await gateway.AddKeyAsync(new Tenant { Id = "acme", Name = "Acme" }, ApiKeyRole.Viewer);
        using var client = gateway.CreateClient(secret);

        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"));

        await response.AssertErrorAsync(HttpStatusCode.Forbidden, "role_not_allowed");
    }

    [Fact]
    public async Task PlatformKey_ActsOnlyForAllowedTenants()
    {
        await using var gateway = await StoreGateway.StartAsync();
        await gateway.AddKeyAsync(new Tenant { Id = "customer", Name = "Customer", PolicyJson = """{"filter":["eq","provider","anthropic"]}""" });
        await gateway.AddKeyAsync(new Tenant { Id = "other", Name = "Other" });
        var platform = await gateway.AddKeyAsync(new Tenant { Id = "reseller", Name = "Reseller" }, shape: k => k with { AllowedTenants = ["customer"] });
        using var client = gateway.CreateClient(platform);

        using var allowed = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"), new Dictionary<string, string> { ["X-Junction-Tenant"] = "customer" });
        using var refused = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"), new Dictionary<string, string> { ["X-Junction-Tenant"] = "other" });

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("anthropic", allowed.Header("x-junction-provider"));
        await refused.AssertErrorAsync(HttpStatusCode.Forbidden, "tenant_not_allowed");
    }

    [Fact]
    public async Task FirstStart_WithoutConfiguredAdmin_StoresOneHashedAdminKeyAndKeepsLocalMode()
    {
        var settings = StoreGateway.Settings();
        settings.Remove("Junction:Admin:KeyHash");
        await using var gateway = await RunningGateway.StartAsync(settings);
        var store = gateway.Services.GetRequiredService<Junction.Storage.EmbeddedStore>();
        using var client = gateway.CreateClient("jk_local_dev");

        var keys = await store.Keys.ListAsync("platform");
        using var local = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"));

        var admin = Assert.Single(keys);
        Assert.Equal(ApiKeyRole.Admin, admin.Role);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Fact]
    public async Task StoreWithTenants_LocalKeyIsRefused()
    {
        var directory = RunningGateway.NewDataDirectory();
        try
        {
            await using (var first = await RunningGateway.StartAsync(new Dictionary<string, string?>(StoreGateway.Settings()) { ["Junction:Storage:DataDirectory"] = directory }))
            {
                await first.Services.GetRequiredService<Junction.Storage.EmbeddedStore>().Tenants.CreateAsync(new Tenant { Id = "acme", Name = "Acme" });
            }

            await using var second = await RunningGateway.StartAsync(new Dictionary<string, string?>(StoreGateway.Settings()) { ["Junction:Storage:DataDirectory"] = directory });
            using var client = second.CreateClient("jk_local_dev");
            using var response = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"));

            await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_api_key");
        }
        finally
        {
            RunningGateway.DeleteDirectory(directory);
        }
    }
}
