using System.Text.Json;
using System.Text.RegularExpressions;
using Junction.Ui.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Junction.Ui.Tests.Pages;

[Collection(UiCollection.Name)]
public sealed class CatalogPageTests(UiGateway gateway)
{
    [Fact]
    public async Task Catalog_Viewer_ListsEveryModelWithPricesAndCircuitState()
    {
        using var client = gateway.CreateClient();
        using var catalog = JsonDocument.Parse(await client.GetStringAsync("/admin/catalog"));
        var models = catalog.RootElement.GetProperty("data");
        var tenant = await gateway.CreateTenantAsync("cat");
        var (_, viewer) = await gateway.CreateKeyAsync(tenant, "viewer", "ui");

        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(viewer, "#/catalog");

        var rows = ui.Page.GetByTestId("catalog-row");
        await Expect(rows).ToHaveCountAsync(models.GetArrayLength());
        await Expect(ui.Page.GetByTestId("catalog-version")).ToHaveTextAsync(catalog.RootElement.GetProperty("version").GetString()!);
        var first = models[0];
        var row = ui.Page.Locator($"[data-testid=catalog-row][data-model='{first.GetProperty("id").GetString()}']");
        await Expect(row.GetByTestId("catalog-price")).ToHaveTextAsync(new Regex(@"^\$[\d.]+ / \$[\d.]+$"));
        await Expect(row.GetByTestId("catalog-circuit")).ToHaveTextAsync(first.GetProperty("circuit").GetString()!.Replace('_', '-'));
        await ui.ScreenshotAsync("catalog");

        await ui.Page.GetByLabel("Provider").SelectOptionAsync("anthropic");
        await Expect(rows.First).ToBeVisibleAsync();
        await Expect(ui.Page.Locator("[data-testid=catalog-row]:not([data-provider=anthropic])")).ToHaveCountAsync(0);

        await ui.Page.GetByLabel("Filter").FillAsync("no-such-model");
        await Expect(rows).ToHaveCountAsync(0);
        ui.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Catalog_SortByPrice_OrdersCheapestFirstAndIsKeyboardOperable()
    {
        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(UiGateway.AdminKey, "#/catalog");
        await Expect(ui.Page.GetByTestId("catalog-row").First).ToBeVisibleAsync();

        var sort = ui.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Price in / out ($/M)" });
        await sort.FocusAsync();
        await ui.Page.Keyboard.PressAsync("Enter");

        await Expect(ui.Page.Locator("th[data-key=price]")).ToHaveAttributeAsync("aria-sort", "ascending");
        var prices = await ui.Page.GetByTestId("catalog-price").AllTextContentsAsync();
        var sums = prices.Select(Sum).ToList();
        Assert.Equal(sums.Order().ToList(), sums);
        ui.AssertNoScriptErrors();

        static double Sum(string text)
        {
            var parts = text.Split('/', StringSplitOptions.TrimEntries);
            return double.Parse(parts[0].TrimStart('$'), System.Globalization.CultureInfo.InvariantCulture)
                + double.Parse(parts[1].TrimStart('$'), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
