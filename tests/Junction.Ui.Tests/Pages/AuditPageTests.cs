using Junction.Ui.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Junction.Ui.Tests.Pages;

[Collection(UiCollection.Name)]
public sealed class AuditPageTests(UiGateway gateway)
{
    [Fact]
    public async Task Audit_PlatformAdmin_ShowsTheTenantsEntriesAndChainIntact()
    {
        var tenant = await gateway.CreateTenantAsync("audit");
        var (_, secret) = await gateway.CreateKeyAsync(tenant, "member", "backend");

        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(UiGateway.AdminKey, $"#/audit?tenant={tenant}");

        await Expect(ui.Page.GetByTestId("audit-intact")).ToContainTextAsync("Chain intact");
        var rows = ui.Page.GetByTestId("audit-row");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-action", "key.create");
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-action", "tenant.create");
        await ui.ScreenshotAsync("audit");

        // A key's audit entry holds its prefix, never its secret.
        Assert.DoesNotContain(secret, await ui.DomTextAsync(), StringComparison.Ordinal);
        ui.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Audit_TenantViewer_ShowsOnlyItsTenantAndNoVerification()
    {
        var tenant = await gateway.CreateTenantAsync("auditv");
        var other = await gateway.CreateTenantAsync("auditx");
        var (_, viewer) = await gateway.CreateKeyAsync(tenant, "viewer", "ui");

        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(viewer, "#/audit");

        var rows = ui.Page.GetByTestId("audit-row");
        await Expect(rows.First).ToBeVisibleAsync();
        foreach (var text in await rows.Locator("td:nth-child(5)").AllTextContentsAsync())
        {
            Assert.Equal(tenant, text);
        }

        await Expect(ui.Page.GetByTestId("audit-intact")).ToHaveCountAsync(0);
        await Expect(ui.Page.GetByTestId("audit-verification")).ToContainTextAsync("platform admin");
        Assert.DoesNotContain(other, await ui.DomTextAsync(), StringComparison.Ordinal);
        ui.AssertNoScriptErrors();
    }
}
