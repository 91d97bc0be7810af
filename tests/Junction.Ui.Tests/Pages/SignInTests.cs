using System.Text.RegularExpressions;
using Junction.Ui.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Junction.Ui.Tests.Pages;

[Collection(UiCollection.Name)]
public sealed class SignInTests(UiGateway gateway)
{
    [Fact]
    public async Task Open_NotSignedIn_ShowsSignInForm()
    {
        await using var ui = await gateway.OpenAsync();
        await ui.GotoAsync("#/tenants");

        await Expect(ui.Page.GetByTestId("signin-form")).ToBeVisibleAsync();
        await Expect(ui.Page).ToHaveURLAsync(new Regex("#/signin\\?next="));
        await Expect(ui.Page.GetByLabel("API key")).ToBeFocusedAsync();
        await ui.ScreenshotAsync("signin");
        ui.AssertNoScriptErrors();
    }

    [Fact]
    public async Task SignIn_AdminKey_ShowsShellWithRoleAndGoesToRequestedPage()
    {
        await using var ui = await gateway.OpenAsync();
        await ui.GotoAsync("#/tenants");
        await ui.Page.GetByLabel("API key").FillAsync(UiGateway.AdminKey);
        await ui.Page.GetByLabel("API key").PressAsync("Enter");

        await Expect(ui.Page.GetByTestId("session-role")).ToHaveTextAsync("Platform admin");
        await Expect(ui.Page).ToHaveURLAsync(new Regex("#/tenants$"));
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tenants");
        Assert.DoesNotContain(UiGateway.AdminKey, await ui.DomTextAsync(), StringComparison.Ordinal);
        var cookie = Assert.Single(await ui.Context.CookiesAsync(), c => c.Name == "junction_ui");
        Assert.True(cookie.HttpOnly);
        Assert.DoesNotContain(UiGateway.AdminKey, cookie.Value, StringComparison.Ordinal);
        ui.AssertNoScriptErrors();
    }

    [Fact]
    public async Task SignIn_UnknownKey_ShowsErrorAndStaysSignedOut()
    {
        await using var ui = await gateway.OpenAsync();
        await ui.GotoAsync("#/overview");
        await ui.Page.GetByLabel("API key").FillAsync("jk_not_a_real_key_at_all");
        await ui.Page.GetByTestId("signin-submit").ClickAsync();

        await Expect(ui.Page.GetByTestId("error")).ToContainTextAsync("unknown, revoked or expired");
        await Expect(ui.Page.GetByTestId("signin-form")).ToBeVisibleAsync();
        Assert.DoesNotContain(await ui.Context.CookiesAsync(), c => c.Name == "junction_ui");
    }

    [Fact]
    public async Task SignOut_SignedIn_ReturnsToSignInAndPagesNeedSigningInAgain()
    {
        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(UiGateway.AdminKey, "#/tenants");

        await ui.Page.GetByTestId("sign-out").ClickAsync();
        await Expect(ui.Page.GetByTestId("signin-form")).ToBeVisibleAsync();
        await ui.GotoAsync("#/tenants");

        await Expect(ui.Page.GetByTestId("signin-form")).ToBeVisibleAsync();
        var status = await ui.Page.EvaluateAsync<int>("async () => (await fetch('/admin/tenants', { credentials: 'same-origin' })).status");
        Assert.Equal(401, status);
    }
}
