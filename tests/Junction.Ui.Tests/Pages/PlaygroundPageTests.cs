using Junction.Ui.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Junction.Ui.Tests.Pages;

[Collection(UiCollection.Name)]
public sealed class PlaygroundPageTests(UiGateway gateway)
{
    [Fact]
    public async Task Rank_OpenAIOnlyPolicy_ShowsOpenAISurvivorsAndTheRejectionsByProvider()
    {
        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(UiGateway.AdminKey, "#/playground");
        await Expect(ui.Page.GetByTestId("ranked-row").First).ToBeVisibleAsync();

        await ui.Page.GetByLabel("Policy (JSON)").FillAsync("""{"filter": ["eq", "provider", "openai"], "rank": "lowest_cost"}""");
        await ui.Page.GetByLabel("Strategy").SelectOptionAsync("");
        await ui.Page.GetByLabel("Policy (JSON)").PressAsync("Control+Enter");

        await Expect(ui.Page.GetByTestId("policy-valid")).ToBeVisibleAsync();
        await Expect(ui.Page.GetByTestId("trace-strategy")).ToHaveTextAsync("lowest_cost");
        var ranked = ui.Page.GetByTestId("ranked-row");
        await Expect(ranked.First).ToHaveClassAsync("chosen");
        foreach (var provider in await ranked.Locator("td:nth-child(3)").AllTextContentsAsync())
        {
            Assert.Equal("openai", provider);
        }

        var byProvider = ui.Page.Locator("[data-testid=rejected-group][data-layer=request]");
        await Expect(byProvider.GetByTestId("rejected-rule")).ToHaveTextAsync("provider = openai");
        await Expect(byProvider.Locator("[data-testid=rejected-model][data-model='claude-sonnet-4-5']")).ToBeVisibleAsync();
        await Expect(ui.Page.GetByTestId("attempts-empty")).ToBeVisibleAsync();
        await ui.ScreenshotAsync("playground");
        ui.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Rank_InvalidPolicy_ShowsEachErrorWithItsPath()
    {
        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(UiGateway.AdminKey, "#/playground");
        await Expect(ui.Page.GetByTestId("ranked-row").First).ToBeVisibleAsync();

        await ui.Page.GetByLabel("Policy (JSON)").FillAsync("""{"filter": ["cmp", "provider", "ge", 1], "rank": "cheapest"}""");
        await ui.Page.GetByTestId("playground-rank").ClickAsync();

        await Expect(ui.Page.GetByTestId("policy-errors")).ToBeVisibleAsync();
        await Expect(ui.Page.GetByTestId("policy-error-path")).ToHaveTextAsync(["filter[1]", "rank"]);
        await Expect(ui.Page.GetByTestId("trace")).ToHaveCountAsync(0);
        await ui.ScreenshotAsync("playground-invalid");

        await ui.Page.GetByLabel("Policy (JSON)").FillAsync("""{"filter": ["true"],""");
        await ui.Page.GetByTestId("playground-validate").ClickAsync();
        await Expect(ui.Page.GetByTestId("policy-error")).ToContainTextAsync("Not JSON");
        ui.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Rank_TenantAdmin_RanksUnderItsTenantPolicy()
    {
        var tenant = await gateway.CreateTenantAsync("pg", Traffic.NoDeepSeekPolicy);
        var (_, admin) = await gateway.CreateKeyAsync(tenant, "tenant_admin", "ui");

        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(admin, "#/playground");

        await Expect(ui.Page.Locator($"[data-testid=rejected-group][data-layer='tenant:{tenant}'] [data-model='deepseek-chat']")).ToBeVisibleAsync();
        await Expect(ui.Page.GetByTestId("trace-layers")).ToContainTextAsync($"tenant:{tenant}");
        ui.AssertNoScriptErrors();
    }
}
