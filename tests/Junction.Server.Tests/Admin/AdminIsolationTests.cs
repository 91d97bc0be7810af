using System.Net;
using System.Text;
using Junction.Server.Tests.Infrastructure;
using Junction.Storage.Keys;
using Junction.Storage.Tenants;

namespace Junction.Server.Tests.Admin;

public sealed class AdminIsolationTests
{
    [Fact]
    public async Task TenantAdminOfA_GetsOnly403Or404OnEveryAdminEndpointForB()
    {
        await using var gateway = await StoreGateway.StartAsync();
        var adminA = await gateway.AddKeyAsync(new Tenant { Id = "tenant-a", Name = "A" }, ApiKeyRole.TenantAdmin);
        var memberB = await gateway.AddKeyAsync(new Tenant { Id = "tenant-b", Name = "B" });
        var keyB = (await gateway.Store.Keys.ListAsync("tenant-b"))[0].Id;
        await gateway.Store.Credentials.SetAsync("tenant-b", "openai", "sk-tenant-b-secret-value-1234");
        using var bClient = gateway.CreateClient(memberB);
        using var chat = await bClient.PostAsync("/v1/chat/completions", Json(HttpAssertions.Chat("auto")));
        var traceB = chat.Headers.GetValues("x-junction-trace-id").First();
        await gateway.Store.RequestLog.FlushAsync();
        using var client = gateway.CreateClient(adminA);

        var calls = new (HttpMethod Method, string Path, string? Body)[]
        {
            (HttpMethod.Get, "/admin/tenants/tenant-b", null),
            (HttpMethod.Patch, "/admin/tenants/tenant-b", """{"name":"pwned"}"""),
            (HttpMethod.Delete, "/admin/tenants/tenant-b", null),
            (HttpMethod.Post, "/admin/tenants", """{"id":"tenant-c"}"""),
            (HttpMethod.Get, "/admin/tenants/tenant-b/keys", null),
            (HttpMethod.Post, "/admin/tenants/tenant-b/keys", """{"name":"mine"}"""),
            (HttpMethod.Patch, $"/admin/tenants/tenant-b/keys/{keyB}", """{"rpm":1}"""),
            (HttpMethod.Post, $"/admin/tenants/tenant-b/keys/{keyB}/revoke", null),
            (HttpMethod.Delete, $"/admin/tenants/tenant-b/keys/{keyB}", null),
            (HttpMethod.Patch, $"/admin/tenants/tenant-a/keys/{keyB}", """{"rpm":1}"""),
            (HttpMethod.Post, $"/admin/tenants/tenant-a/keys/{keyB}/revoke", null),
            (HttpMethod.Get, "/admin/tenants/tenant-b/credentials", null),
            (HttpMethod.Put, "/admin/tenants/tenant-b/credentials/openai", """{"secret":"sk-overwrite-xxxxxxxxxxxx"}"""),
            (HttpMethod.Delete, "/admin/tenants/tenant-b/credentials/openai", null),
            (HttpMethod.Get, "/admin/tenants/tenant-b/logs", null),
            (HttpMethod.Get, $"/admin/tenants/tenant-b/logs/{traceB}", null),
            (HttpMethod.Get, $"/admin/tenants/tenant-a/logs/{traceB}", null),
            (HttpMethod.Get, "/admin/spend?tenant=tenant-b", null),
            (HttpMethod.Get, "/admin/audit?tenant=tenant-b", null),
            (HttpMethod.Get, "/admin/audit/verify", null),
            (HttpMethod.Post, "/admin/tenants/tenant-a/keys", """{"name":"escalate","role":"admin"}"""),
            (HttpMethod.Patch, "/admin/tenants/tenant-a", """{"daily_budget":1000}"""),
        };

        var failures = new List<string>();
        foreach (var (method, path, body) in calls)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json(body) };
            using var response = await client.SendAsync(request);
            if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
            {
                failures.Add($"{method} {path} -> {(int)response.StatusCode}");
            }
        }

        var ownList = await client.GetStringAsync("/admin/tenants");
        var ownSpend = await client.GetStringAsync("/admin/spend?group_by=tenant");
        var ownAudit = await client.GetStringAsync("/admin/audit");
        using var stillWorks = await bClient.PostAsync("/v1/chat/completions", Json(HttpAssertions.Chat("auto")));

        Assert.Empty(failures);
        Assert.DoesNotContain("tenant-b", ownList + ownSpend + ownAudit, StringComparison.Ordinal);
        Assert.Contains("tenant-a", ownList, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
        Assert.Equal("B", (await gateway.Store.Tenants.GetAsync("tenant-b"))!.Name);
    }

    [Fact]
    public async Task ViewerReadsItsTenantButCannotWrite_MemberCannotUseAdmin()
    {
        await using var gateway = await StoreGateway.StartAsync();
        var viewer = await gateway.AddKeyAsync(new Tenant { Id = "acme", Name = "Acme" }, ApiKeyRole.Viewer);
        var member = await gateway.AddKeyAsync(new Tenant { Id = "acme", Name = "Acme" });
        using var viewerClient = gateway.CreateClient(viewer);
        using var memberClient = gateway.CreateClient(member);

        using var read = await viewerClient.GetAsync("/admin/tenants/acme/keys");
        using var write = await viewerClient.PostAsync("/admin/tenants/acme/keys", Json("""{"name":"x"}"""));
        using var memberRead = await memberClient.GetAsync("/admin/tenants/acme");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, memberRead.StatusCode);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
