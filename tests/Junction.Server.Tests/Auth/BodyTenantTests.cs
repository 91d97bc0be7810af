using System.Net;
using Junction.Server.Tests.Infrastructure;
using Junction.Storage;
using Junction.Storage.Keys;
using Junction.Storage.Tenants;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Auth;

/// <summary>A platform key names its end customer in the body (<c>junction.tenant</c>; <c>tenant</c> on the native API).</summary>
public sealed class BodyTenantTests
{
    private static readonly Dictionary<string, string> HeaderCustomer = new() { ["X-Junction-Tenant"] = "customer" };

    [Fact]
    public async Task OpenAISurface_BodyTenant_ActsForAllowedTenantsOnly_AndMustAgreeWithTheHeader()
    {
        await using var gateway = await StartAsync();
        var platform = await PlatformKeyAsync(gateway);
        using var client = gateway.CreateClient(platform);

        using var allowed = await client.PostJsonAsync("/v1/chat/completions", Chat("auto", extra: Tenant("customer")));
        using var both = await client.PostJsonAsync("/v1/chat/completions", Chat("auto", extra: Tenant("customer")), HeaderCustomer);
        using var refused = await client.PostJsonAsync("/v1/chat/completions", Chat("auto", extra: Tenant("other")));
        using var disagree = await client.PostJsonAsync("/v1/chat/completions", Chat("auto", extra: Tenant("reseller")), HeaderCustomer);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("anthropic", allowed.Header("x-junction-provider"));
        Assert.Equal(HttpStatusCode.OK, both.StatusCode);
        await refused.AssertErrorAsync(HttpStatusCode.Forbidden, "tenant_not_allowed", "junction.tenant");
        var error = await disagree.AssertErrorAsync(HttpStatusCode.BadRequest, "invalid_value", "junction.tenant");
        Assert.Contains("X-Junction-Tenant", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertSpentByCustomerOnlyAsync(gateway);
    }

    [Fact]
    public async Task AnthropicSurface_BodyTenant_ActsForAllowedTenantsOnly()
    {
        await using var gateway = await StartAsync();
        var platform = await PlatformKeyAsync(gateway);
        using var client = gateway.CreateClient(null);
        client.DefaultRequestHeaders.Add("x-api-key", platform);

        using var allowed = await client.PostJsonAsync("/v1/messages", Message("customer"));
        using var refused = await client.PostJsonAsync("/v1/messages", Message("other"));
        var error = await refused.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("anthropic", allowed.Header("x-junction-provider"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("permission_error", error.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("'other'", error.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertSpentByCustomerOnlyAsync(gateway);
    }

    [Fact]
    public async Task NativeSurface_BodyTenant_ActsForAllowedTenantsOnly_AndRequestLogGoesToTheNamedTenant()
    {
        await using var gateway = await StartAsync();
        var platform = await PlatformKeyAsync(gateway);
        using var client = gateway.CreateClient(platform);

        using var allowed = await client.PostJsonAsync("/api/route", """{"prompt":"hello","tenant":"customer"}""");
        using var refused = await client.PostJsonAsync("/api/route", """{"prompt":"hello","tenant":"other"}""");
        using var disagree = await client.PostJsonAsync("/api/route", """{"prompt":"hello","tenant":"reseller"}""", HeaderCustomer);
        var problem = await refused.ReadJsonAsync();
        var mismatch = await disagree.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("anthropic", allowed.Header("x-junction-provider"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("tenant_not_allowed", problem.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, disagree.StatusCode);
        Assert.Equal("tenant", mismatch.GetProperty("errors")[0].GetProperty("field").GetString());
        await AssertSpentByCustomerOnlyAsync(gateway);
        await gateway.Store.RequestLog.FlushAsync();
        var logged = await gateway.Store.RequestLogs.GetAsync("customer", allowed.Header("x-junction-trace-id"));
        Assert.NotNull(logged);
        Assert.Null(await gateway.Store.RequestLogs.GetAsync("reseller", allowed.Header("x-junction-trace-id")));
    }

    [Fact]
    public async Task ConfiguredKey_BodyTenant_MayNameOnlyItsOwnTenant()
    {
        const string Key = "jk_test_configured_body_tenant";
        await using var gateway = await StoreGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Junction:Tenants:0:Id"] = "acme",
            ["Junction:Tenants:0:Keys:0:Id"] = "acme-main",
            ["Junction:Tenants:0:Keys:0:Hash"] = ApiKeySecrets.Hash(Key),
        });
        using var client = gateway.CreateClient(Key);

        using var own = await client.PostJsonAsync("/v1/chat/completions", Chat("auto", extra: Tenant("acme")));
        using var other = await client.PostJsonAsync("/v1/chat/completions", Chat("auto", extra: Tenant("platform")));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        await other.AssertErrorAsync(HttpStatusCode.Forbidden, "tenant_not_allowed", "junction.tenant");
    }

    private static Task<StoreGateway> StartAsync() => StoreGateway.StartAsync();

    /// <summary>Tenants <c>customer</c> (anthropic only) and <c>other</c>; returns a key of <c>reseller</c> allowed to act for <c>customer</c>.</summary>
    private static async Task<string> PlatformKeyAsync(StoreGateway gateway)
    {
        await gateway.AddKeyAsync(new Tenant { Id = "customer", Name = "Customer", PolicyJson = """{"filter":["eq","provider","anthropic"]}""" });
        await gateway.AddKeyAsync(new Tenant { Id = "other", Name = "Other" });
        return await gateway.AddKeyAsync(new Tenant { Id = "reseller", Name = "Reseller" }, shape: k => k with { AllowedTenants = ["customer"] });
    }

    private static async Task AssertSpentByCustomerOnlyAsync(StoreGateway gateway)
    {
        var customer = await gateway.Store.Budgets.GetUsageAsync(ScopeKind.Tenant, "customer");
        var reseller = await gateway.Store.Budgets.GetUsageAsync(ScopeKind.Tenant, "reseller");
        Assert.True(customer.SpentTodayUsd > 0);
        Assert.Equal(0m, reseller.SpentTodayUsd);
    }

    private static string Tenant(string tenant) => $$""","junction":{"tenant":"{{tenant}}"}""";

    private static string Message(string tenant) =>
        $$$"""{"model":"auto","max_tokens":32,"messages":[{"role":"user","content":"hi"}],"junction":{"tenant":"{{{tenant}}}"}}""";
}
