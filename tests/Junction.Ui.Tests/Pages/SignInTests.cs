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
}
