using System.Net;
using System.Text;
using Junction.Server.Tests.Infrastructure;
using Junction.Storage.Keys;
using Junction.Storage.Tenants;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Admin;

public sealed class ConfiguredTenantsTests
{
    private const string ConfiguredKey = "jk_configured_tenant_key_1";

    [Fact]
    public async Task Tenants_ConfiguredOnesAreListedReadOnlyAndTheirTrafficShows()
    {
        await using var gateway = await StoreGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Junction:Tenants:0:Id"] = "cfg",
            ["Junction:Tenants:0:Name"] = "Configured Co",
            ["Junction:Tenants:0:Policy"] = """{"filter":["eq","provider","mistral"]}""",
            ["Junction:Tenants:0:Keys:0:Id"] = "cfg-key",
            ["Junction:Tenants:0:Keys:0:Hash"] = ApiKeySecrets.Hash(ConfiguredKey),
        });
        var tenantAdmin = await gateway.AddKeyAsync(new Tenant { Id = "acme", Name = "Acme" }, ApiKeyRole.TenantAdmin);
        using var admin = gateway.CreateClient(StoreGateway.AdminKey);
        using var acme = gateway.CreateClient(tenantAdmin);
        using var configured = gateway.CreateClient(ConfiguredKey);
        using var chat = await configured.PostJsonAsync("/v1/chat/completions", Chat("auto"));
        await gateway.Store.RequestLog.FlushAsync();

        var list = (await (await admin.GetAsync("/admin/tenants")).ReadJsonAsync()).GetProperty("data").EnumerateArray()
            .ToDictionary(t => t.GetProperty("id").GetString()!, t => t.GetProperty("source").GetString());
        var acmeList = (await (await acme.GetAsync("/admin/tenants")).ReadJsonAsync()).GetProperty("data").EnumerateArray()
            .Select(t => t.GetProperty("id").GetString()).ToList();
        var one = await (await admin.GetAsync("/admin/tenants/cfg")).ReadJsonAsync();
        var logs = await (await admin.GetAsync("/admin/tenants/cfg/logs")).ReadJsonAsync();
        using var patch = await admin.PatchAsync("/admin/tenants/cfg", new StringContent("""{"name":"x"}""", Encoding.UTF8, "application/json"));
        using var delete = await admin.DeleteAsync("/admin/tenants/cfg");
        using var hidden = await acme.GetAsync("/admin/tenants/cfg");

        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.Equal("configuration", list["cfg"]);
        Assert.Equal("store", list["acme"]);
        Assert.DoesNotContain("local", list.Keys); // tenants are configured, so no local mode
        Assert.Equal(["acme"], acmeList);
        Assert.Equal("Configured Co", one.GetProperty("name").GetString());
        Assert.Equal("configuration", one.GetProperty("source").GetString());
        Assert.Contains("mistral", one.GetProperty("policy").GetRawText(), StringComparison.Ordinal);
        var record = Assert.Single(logs.GetProperty("data").EnumerateArray());
        Assert.Equal(chat.Header("x-junction-trace-id"), record.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Conflict, patch.StatusCode);
        Assert.Equal("configured_tenant", (await patch.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task Tenants_LocalModesTenantIsListedAsConfiguration()
    {
        await using var gateway = await StoreGateway.StartAsync();
        using var admin = gateway.CreateClient(StoreGateway.AdminKey);
        using var local = gateway.CreateClient("jk_local_dev");
        using var chat = await local.PostJsonAsync("/v1/chat/completions", Chat("auto"));
        await gateway.Store.RequestLog.FlushAsync();

        var list = (await (await admin.GetAsync("/admin/tenants")).ReadJsonAsync()).GetProperty("data").EnumerateArray().ToList();
        var logs = await (await admin.GetAsync("/admin/tenants/local/logs")).ReadJsonAsync();

        var tenant = Assert.Single(list, t => t.GetProperty("id").GetString() == "local");
        Assert.Equal("configuration", tenant.GetProperty("source").GetString());
        Assert.Equal(JsonValueKindNull, tenant.GetProperty("created_at").ValueKind);
        Assert.Single(logs.GetProperty("data").EnumerateArray());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
