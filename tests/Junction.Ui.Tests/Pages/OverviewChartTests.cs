using System.Net;
using Junction.Ui.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Junction.Ui.Tests.Pages;

[Collection(UiCollection.Name)]
public sealed class OverviewChartTests(UiGateway gateway)
{
    [Fact]
    public async Task Overview_TenantTraffic_DrawsASpendSeriesForTheTenant()
    {
        var (tenant, key) = await Traffic.TenantWithKeyAsync(gateway, "ov");
        var served = await Traffic.ChatAsync(gateway, key, "best-quality", "Write a haiku about routing.");
        Assert.Equal(HttpStatusCode.OK, served.Status);
        await Traffic.WaitForLogAsync(gateway, tenant, 1);

        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(UiGateway.AdminKey, $"#/overview?range=24h&by=tenant&tenant={tenant}");

        var series = ui.Page.Locator($"[data-testid=spend-line-chart] [data-series='{tenant}']");
        await Expect(series).ToHaveCountAsync(1);

        // Each point's tooltip reads "name · time · spend": some hour of the tenant's series holds its spend.
        var tooltips = await series.Locator("circle > title").AllTextContentsAsync();
        Assert.NotEmpty(tooltips);
        Assert.Contains(tooltips, t => !t.EndsWith("$0.00", StringComparison.Ordinal));
        await Expect(ui.Page.GetByTestId("top-models")).ToContainTextAsync(served.Model!);
        ui.AssertNoScriptErrors();
    }
}
