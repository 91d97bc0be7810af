using System.Net;
using Junction.Server.Tests.Infrastructure;
using Junction.Storage.Keys;
using Junction.Storage.Tenants;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Ui;

public sealed class UiSessionApiTests
{
    private static readonly Tenant Acme = new() { Id = "acme", Name = "Acme Corp" };

    [Fact]
    public async Task SignIn_AdminTenantAdminAndViewer_AnswerTheSessionAndAHardenedCookie()
    {
        await using var gateway = await StoreGateway.StartAsync();
        var tenantAdmin = await gateway.AddKeyAsync(Acme, ApiKeyRole.TenantAdmin);
        var viewer = await gateway.AddKeyAsync(Acme, ApiKeyRole.Viewer);

        var (adminResponse, adminCookie) = await UiSessions.SignInAsync(gateway.Gateway, StoreGateway.AdminKey);
        var (tenantResponse, _) = await UiSessions.SignInAsync(gateway.Gateway, tenantAdmin);
        var (viewerResponse, _) = await UiSessions.SignInAsync(gateway.Gateway, viewer);

        var admin = await adminResponse.ReadJsonAsync();
        var tenant = await tenantResponse.ReadJsonAsync();
        var view = await viewerResponse.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, adminResponse.StatusCode);
        Assert.Equal("admin", admin.GetProperty("role").GetString());
        Assert.Equal("platform", admin.GetProperty("tenant_id").GetString());
        Assert.Equal("config-admin", admin.GetProperty("key_id").GetString());
        Assert.Equal("tenant_admin", tenant.GetProperty("role").GetString());
        Assert.Equal("acme", tenant.GetProperty("tenant_id").GetString());
        Assert.Equal("Acme Corp", tenant.GetProperty("tenant_name").GetString());
        Assert.Equal(tenantAdmin[..11], tenant.GetProperty("key_prefix").GetString());
        Assert.Equal("viewer", view.GetProperty("role").GetString());
        var expires = admin.GetProperty("expires_at").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(11.9), TimeSpan.FromHours(12));
        var attributes = adminCookie!.ToLowerInvariant();
        Assert.Contains("httponly", attributes, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", attributes, StringComparison.Ordinal);
        Assert.Contains("path=/", attributes, StringComparison.Ordinal);
        Assert.DoesNotContain("secure", attributes.Replace("junction_ui=", "", StringComparison.Ordinal), StringComparison.Ordinal); // plain HTTP
    }

    [Fact]
    public async Task SignIn_MemberUnknownRevokedOrNoUiHeader_IsRefusedWithoutACookie()
    {
        await using var gateway = await StoreGateway.StartAsync();
        var member = await gateway.AddKeyAsync(Acme, ApiKeyRole.Member);
        var revoked = await gateway.AddKeyAsync(Acme, ApiKeyRole.TenantAdmin);
        var revokedId = (await gateway.Store.Keys.ListAsync("acme")).Single(k => k.Prefix == revoked[..11]).Id;
        await gateway.Store.Keys.RevokeAsync("acme", revokedId);
        using var client = gateway.CreateClient(apiKey: null);

        var (memberResponse, memberCookie) = await UiSessions.SignInAsync(gateway.Gateway, member);
        var (unknownResponse, unknownCookie) = await UiSessions.SignInAsync(gateway.Gateway, "jk_not_a_key_of_this_gateway");
        var (revokedResponse, _) = await UiSessions.SignInAsync(gateway.Gateway, revoked);
        using var noHeader = await client.PostJsonAsync("/ui/api/session", $$"""{"key":"{{StoreGateway.AdminKey}}"}""");
        using var noKey = await client.PostJsonAsync("/ui/api/session", "{}", UiSessions.UiHeader);

        Assert.Equal(HttpStatusCode.Forbidden, memberResponse.StatusCode);
        Assert.Equal("role_not_allowed", (await memberResponse.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal("application/problem+json", memberResponse.Content.Headers.ContentType?.MediaType);
        Assert.Null(memberCookie);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownResponse.StatusCode);
        Assert.Equal("invalid_api_key", (await unknownResponse.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Null(unknownCookie);
        Assert.Equal(HttpStatusCode.Unauthorized, revokedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noHeader.StatusCode);
        Assert.Equal("csrf_header_missing", (await noHeader.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
    }

    [Fact]
    public async Task Cookie_NeverHoldsTheKeyOrItsHash()
    {
        await using var gateway = await StoreGateway.StartAsync();
        var key = await gateway.AddKeyAsync(Acme, ApiKeyRole.TenantAdmin);

        var (response, setCookie) = await UiSessions.SignInAsync(gateway.Gateway, key);
        using var _ = response;

        var hash = ApiKeySecrets.Hash(key);
        var hex = hash["sha256:".Length..];
        Assert.NotNull(setCookie);
        Assert.DoesNotContain(key, setCookie, StringComparison.Ordinal);
        Assert.DoesNotContain(key[..11], setCookie, StringComparison.Ordinal);
        Assert.DoesNotContain(hash, setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(hex, setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(Convert.FromHexString(hex)), setCookie, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(hash)).TrimEnd('='), setCookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookie_AuthenticatesAdminAndPolicyTools_NeverModelTraffic()
    {
        await using var gateway = await StoreGateway.StartAsync();
        var key = await gateway.AddKeyAsync(Acme, ApiKeyRole.TenantAdmin);
        var cookie = await UiSessions.CookieAsync(gateway.Gateway, key);
        using var client = UiSessions.Client(gateway.Gateway, cookie);

        using var tenants = await client.GetAsync("/admin/tenants");
        using var fields = await client.GetAsync("/x/fields");
        using var validate = await client.PostJsonAsync("/x/validate", """{"policy":{"filter":["eq","provider","openai"]}}""");
        using var chat = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"));
        using var models = await client.GetAsync("/v1/models");
        using var route = await client.PostJsonAsync("/api/route", Chat("auto"));
        using var session = await client.GetAsync("/ui/api/session");

        Assert.Equal(HttpStatusCode.OK, tenants.StatusCode);
        Assert.Contains("\"acme\"", await tenants.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fields.StatusCode);
        Assert.Equal(HttpStatusCode.OK, validate.StatusCode);
        await chat.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_api_key");
        await models.AssertErrorAsync(HttpStatusCode.Unauthorized, "invalid_api_key");
        Assert.Equal(HttpStatusCode.Unauthorized, route.StatusCode);
        Assert.Equal("acme", (await session.ReadJsonAsync()).GetProperty("tenant_id").GetString());
    }

    [Fact]
    public async Task RevokedKey_ItsSessionIsRefusedFromTheNextRequestOn()
    {
        await using var gateway = await StoreGateway.StartAsync();
        using var admin = gateway.CreateClient(StoreGateway.AdminKey);
        using var _ = await admin.PostJsonAsync("/admin/tenants", """{"id":"acme","name":"Acme"}""");
        using var created = await admin.PostJsonAsync("/admin/tenants/acme/keys", """{"name":"ui","role":"viewer"}""");
        var key = await created.ReadJsonAsync();
        var cookie = await UiSessions.CookieAsync(gateway.Gateway, key.GetProperty("secret").GetString()!);
        using var client = UiSessions.Client(gateway.Gateway, cookie);

        using var before = await client.GetAsync("/admin/tenants/acme");
        using var revoke = await admin.PostAsync($"/admin/tenants/acme/keys/{key.GetProperty("id").GetString()}/revoke", null);
        using var after = await client.GetAsync("/admin/tenants/acme");
        using var session = await client.GetAsync("/ui/api/session");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("not_signed_in", (await after.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
    }

    [Fact]
    public async Task CookieWrite_WithoutTheUiHeader_Is403AndChangesNothing()
    {
        await using var gateway = await StoreGateway.StartAsync();
        var key = await gateway.AddKeyAsync(Acme, ApiKeyRole.TenantAdmin);
        var cookie = await UiSessions.CookieAsync(gateway.Gateway, key);
        using var bare = UiSessions.Client(gateway.Gateway, cookie, uiHeader: false);
        using var ui = UiSessions.Client(gateway.Gateway, cookie, uiHeader: true);

        using var read = await bare.GetAsync("/admin/tenants/acme/keys");
        using var forged = await bare.PostJsonAsync("/admin/tenants/acme/keys", """{"name":"forged"}""");
        using var forgedTool = await bare.PostJsonAsync("/x/validate", """{"policy":{}}""");
        using var genuine = await ui.PostJsonAsync("/admin/tenants/acme/keys", """{"name":"genuine"}""");
        var keys = await gateway.Store.Keys.ListAsync("acme");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("csrf_header_missing", (await forged.ReadJsonAsync()).GetProperty("code").GetString());
        await forgedTool.AssertErrorAsync(HttpStatusCode.Forbidden, "csrf_header_missing");
        Assert.Equal(HttpStatusCode.Created, genuine.StatusCode);
        Assert.DoesNotContain(keys, k => k.Name == "forged");
        Assert.Contains(keys, k => k.Name == "genuine");
    }

    [Fact]
    public async Task TamperedCookie_Is401AndSignOutClearsTheCookie()
    {
        await using var gateway = await StoreGateway.StartAsync();
        var cookie = await UiSessions.CookieAsync(gateway.Gateway, StoreGateway.AdminKey);
        var tampered = (cookie[5] == 'A' ? "B" : "A") is var c ? cookie[..5] + c + cookie[6..] : cookie;
        using var forged = UiSessions.Client(gateway.Gateway, tampered);
        using var genuine = UiSessions.Client(gateway.Gateway, cookie);

        using var refused = await forged.GetAsync("/admin/tenants");
        using var session = await forged.GetAsync("/ui/api/session");
        using var signOut = await genuine.DeleteAsync("/ui/api/session");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        var cleared = signOut.Headers.GetValues("Set-Cookie").Single(v => v.StartsWith("junction_ui=", StringComparison.Ordinal));
        Assert.StartsWith("junction_ui=;", cleared, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task KeyHeader_WinsOverTheCookie()
    {
        await using var gateway = await StoreGateway.StartAsync();
        var viewer = await gateway.AddKeyAsync(Acme, ApiKeyRole.Viewer);
        var cookie = await UiSessions.CookieAsync(gateway.Gateway, StoreGateway.AdminKey);
        using var client = UiSessions.Client(gateway.Gateway, cookie);
        client.DefaultRequestHeaders.Authorization = UiSessions.Bearer(viewer);

        using var response = await client.GetAsync("/admin/audit/verify");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
