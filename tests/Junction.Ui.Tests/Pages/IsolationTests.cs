using Junction.Ui.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Junction.Ui.Tests.Pages;

[Collection(UiCollection.Name)]
public sealed class IsolationTests(UiGateway gateway)
{
    [Fact]
    public async Task TenantAdmin_OtherTenant_NotFoundInPagesAndApi()
    {
        var own = await gateway.CreateTenantAsync("own");
        var other = await gateway.CreateTenantAsync("other");
        var (_, secret) = await gateway.CreateKeyAsync(own, role: "tenant_admin", name: "ops");
        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(secret, "#/tenants");

        await Expect(ui.Page.GetByTestId("session-role")).ToHaveTextAsync("Tenant admin");
        await Expect(ui.Page.GetByTestId("session-tenant")).ToHaveTextAsync($"Tenant {own}");
        await Expect(ui.Page.GetByTestId("tenant-" + own)).ToBeVisibleAsync();
        await Expect(ui.Page.GetByTestId("tenant-" + other)).ToHaveCountAsync(0);
        await Expect(ui.Page.GetByTestId("new-tenant-form")).ToHaveCountAsync(0);

        await ui.GotoAsync($"#/tenants/{other}");
        await Expect(ui.Page.GetByTestId("not-found")).ToBeVisibleAsync();
        Assert.DoesNotContain($"Tenant {other}", await ui.DomTextAsync(), StringComparison.Ordinal);
        await ui.ScreenshotAsync("tenant-admin-not-found");

        foreach (var path in new[] { $"/admin/tenants/{other}", $"/admin/tenants/{other}/keys", $"/admin/tenants/{other}/logs" })
        {
            var status = await ui.Page.EvaluateAsync<int>(
                "async path => (await fetch(path, { credentials: 'same-origin', headers: { 'X-Junction-UI': '1' } })).status", path);
            Assert.Equal(404, status);
        }

        await ui.GotoAsync($"#/tenants/{own}");
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Tenant {own}");
        await Expect(ui.Page.GetByTestId("limit-daily")).ToBeDisabledAsync();
        ui.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Viewer_OwnTenant_SeesNoEditingControls()
    {
        var own = await gateway.CreateTenantAsync("view");
        var (_, secret) = await gateway.CreateKeyAsync(own, role: "viewer", name: "auditor");
        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(secret, $"#/tenants/{own}");

        await Expect(ui.Page.GetByTestId("keys-table")).ToContainTextAsync("auditor");
        await Expect(ui.Page.GetByTestId("new-key-form")).ToHaveCountAsync(0);
        await Expect(ui.Page.GetByTestId("key-revoke")).ToHaveCountAsync(0);
        await Expect(ui.Page.GetByTestId("policy-save")).ToHaveCountAsync(0);
        await Expect(ui.Page.GetByTestId("policy-editor")).ToHaveAttributeAsync("readonly", "");
    }
}
