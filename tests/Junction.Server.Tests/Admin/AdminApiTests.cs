using System.Net;
using System.Text;
using System.Text.Json;
using Junction.Server.Tests.Infrastructure;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Admin;

public sealed class AdminApiTests
{
    [Fact]
    public async Task TenantCreatedThroughAdmin_ItsKeyPolicyBudgetAndRateLimitTakeEffectAtOnce()
    {
        await using var gateway = await StoreGateway.StartAsync();
        using var admin = gateway.CreateClient(StoreGateway.AdminKey);

        using var created = await admin.PostJsonAsync("/admin/tenants", """{"id":"euco","name":"EU Co","policy":{"filter":["eq","provider","mistral"]},"rpm":2,"daily_budget":5}""");
        using var key = await admin.PostJsonAsync("/admin/tenants/euco/keys", """{"name":"backend","role":"member"}""");
        var secret = (await key.ReadJsonAsync()).GetProperty("secret").GetString()!;
        using var client = gateway.CreateClient(secret);
        using var first = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"));
        using var second = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"));
        using var third = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"));
        using var budget = await admin.PatchAsync("/admin/tenants/euco", Json("""{"daily_budget":0,"rpm":100}"""));
        using var refused = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, key.StatusCode);
        Assert.Equal("mistral", first.Header("x-junction-provider"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await third.AssertErrorAsync(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.Equal(HttpStatusCode.OK, budget.StatusCode);
        await refused.AssertErrorAsync(HttpStatusCode.PaymentRequired, "budget_exceeded");
    }

    [Fact]
    public async Task InvalidPolicy_IsA400NamingEveryFieldWithItsPath()
    {
        await using var gateway = await StoreGateway.StartAsync();
        using var admin = gateway.CreateClient(StoreGateway.AdminKey);

        using var response = await admin.PostJsonAsync("/admin/tenants", """{"id":"bad","policy":{"filter":["eq","regoin","eu"]},"rpm":-1}""");

        var body = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var fields = body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains("policy.filter[1]", fields);
        Assert.Contains("rpm", fields);
    }

    [Fact]
    public async Task KeysAndCredentials_SecretsAreNeverReturnedAfterCreationAndChangesAreAudited()
    {
        await using var gateway = await StoreGateway.StartAsync();
        using var admin = gateway.CreateClient(StoreGateway.AdminKey);
        const string ProviderSecret = "sk-provider-secret-never-returned-9f2c";

        using var _ = await admin.PostJsonAsync("/admin/tenants", """{"id":"acme","name":"Acme"}""");
        using var created = await admin.PostJsonAsync("/admin/tenants/acme/keys", """{"name":"k"}""");
        var secret = (await created.ReadJsonAsync()).GetProperty("secret").GetString()!;
        using var put = await admin.PutAsync("/admin/tenants/acme/credentials/openai", Json($$"""{"secret":"{{ProviderSecret}}"}"""));
        var keys = await admin.GetStringAsync("/admin/tenants/acme/keys");
        var credentials = await admin.GetStringAsync("/admin/tenants/acme/credentials");
        var audit = await admin.GetStringAsync("/admin/audit?tenant=acme");
        var verify = await admin.GetStringAsync("/admin/audit/verify");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.DoesNotContain(secret, keys, StringComparison.Ordinal);
        Assert.Contains(secret[..11], keys, StringComparison.Ordinal);
        Assert.DoesNotContain(ProviderSecret, credentials + audit, StringComparison.Ordinal);
        Assert.Contains("\"last4\":\"9f2c\"", credentials, StringComparison.Ordinal);
        Assert.Contains("tenant.create", audit, StringComparison.Ordinal);
        Assert.Contains("key.create", audit, StringComparison.Ordinal);
        Assert.Contains("credential.set", audit, StringComparison.Ordinal);
        Assert.Contains("\"actor_key_id\":\"config-admin\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"intact\":true", verify, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestLogsAndSpend_ShowTheTenantsRequests()
    {
        await using var gateway = await StoreGateway.StartAsync();
        using var admin = gateway.CreateClient(StoreGateway.AdminKey);
        using var _ = await admin.PostJsonAsync("/admin/tenants", """{"id":"acme","name":"Acme"}""");
        using var key = await admin.PostJsonAsync("/admin/tenants/acme/keys", """{"name":"k"}""");
        using var client = gateway.CreateClient((await key.ReadJsonAsync()).GetProperty("secret").GetString());
        using var chat = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"), new Dictionary<string, string> { ["X-Junction-Tags"] = "team-a" });
        var traceId = chat.Header("x-junction-trace-id");
        await gateway.Store.RequestLog.FlushAsync();

        var logs = await (await admin.GetAsync("/admin/tenants/acme/logs?tag=team-a")).ReadJsonAsync();
        var one = await (await admin.GetAsync($"/admin/tenants/acme/logs/{traceId}")).ReadJsonAsync();
        var spend = await (await admin.GetAsync("/admin/spend?group_by=tenant,model,day")).ReadJsonAsync();

        var record = Assert.Single(logs.GetProperty("data").EnumerateArray());
        Assert.Equal("succeeded", record.GetProperty("outcome").GetString());
        Assert.Equal(chat.Header("x-junction-model"), record.GetProperty("model").GetString());
        Assert.Equal(traceId, one.GetProperty("trace").GetProperty("trace_id").GetString());
        var row = Assert.Single(spend.GetProperty("data").EnumerateArray(), r => r.GetProperty("tenant_id").GetString() == "acme");
        Assert.Equal(1, row.GetProperty("requests").GetInt64());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
