using System.Net;
using System.Text.RegularExpressions;
using Junction.Ui.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Junction.Ui.Tests.Pages;

[Collection(UiCollection.Name)]
public sealed class KeysTests(UiGateway gateway)
{
    [Fact]
    public async Task CreateKey_ShowsSecretOnce_GoneAfterNavigatingAway()
    {
        var id = await gateway.CreateTenantAsync("keys");
        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(UiGateway.AdminKey, $"#/tenants/{id}");

        await ui.Page.GetByLabel("Key name").FillAsync("backend-prod");
        await ui.Page.GetByLabel("Role").SelectOptionAsync("member");
        await ui.Page.GetByLabel("Key name").PressAsync("Enter");

        var secretBox = ui.Page.GetByTestId("new-key-secret");
        await Expect(secretBox).ToHaveTextAsync(new Regex("^jk_"));
        var secret = (await secretBox.TextContentAsync())!;
        await Expect(ui.Page.GetByTestId("keys-table")).ToContainTextAsync("backend-prod");
        await ui.ScreenshotAsync("key-created", ui.Page.GetByTestId("keys-panel"));
        Assert.Single(Regex.Matches(await ui.DomTextAsync(), Regex.Escape(secret)));
        using (var client = gateway.CreateClient(secret))
        using (var models = await client.GetAsync("/v1/models"))
        {
            Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        }

        await ui.Page.GetByTestId("nav-tenants").ClickAsync();
        await Expect(ui.Page.GetByTestId("tenants-table")).ToBeVisibleAsync();
        await ui.Page.GoBackAsync();
        await Expect(ui.Page.GetByTestId("keys-table")).ToContainTextAsync("backend-prod");

        await Expect(ui.Page.GetByTestId("new-key-reveal")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await ui.DomTextAsync(), StringComparison.Ordinal);
        await ui.Page.ReloadAsync();
        await Expect(ui.Page.GetByTestId("keys-table")).ToContainTextAsync("backend-prod");
        Assert.DoesNotContain(secret, await ui.DomTextAsync(), StringComparison.Ordinal);
        ui.AssertNoScriptErrors();
    }

    [Fact]
    public async Task RevokeKey_ConfirmedInTwoSteps_MarksItRevokedAndItStopsWorking()
    {
        var id = await gateway.CreateTenantAsync("revoke");
        var (keyId, secret) = await gateway.CreateKeyAsync(id, name: "to-revoke");
        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(UiGateway.AdminKey, $"#/tenants/{id}");
        var row = ui.Page.GetByTestId("key-" + keyId);

        await row.GetByTestId("key-revoke").ClickAsync();
        await Expect(row.GetByTestId("key-status")).ToHaveTextAsync("active");
        await row.GetByTestId("key-revoke-confirm").ClickAsync();

        await Expect(row.GetByTestId("key-status")).ToHaveTextAsync("revoked");
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        using var client = gateway.CreateClient(secret);
        using var response = await client.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        ui.AssertNoScriptErrors();
    }
}
