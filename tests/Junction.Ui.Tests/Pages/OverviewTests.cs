using System.Net.Http.Json;
using System.Text.Json;
using Junction.Ui.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Junction.Ui.Tests.Pages;

[Collection(UiCollection.Name)]
public sealed class OverviewTests(UiGateway gateway)
{
    [Fact]
    public async Task Overview_TenantNearItsBudget_ShowsTrafficChartAndBurnWarning()
    {
        var id = await gateway.CreateTenantAsync("burn");
        var (_, secret) = await gateway.CreateKeyAsync(id);
        using (var client = gateway.CreateClient(secret))
        {
            for (var i = 0; i < 3; i++)
            {
                using var response = await client.PostAsJsonAsync("/v1/chat/completions",
                    new { model = "lowest-cost", messages = new[] { new { role = "user", content = $"Hello {i}" } } });
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            }
        }

        await gateway.FlushRequestLogAsync();

        // A daily budget just above today's spend puts the tenant at 90%: past the 80% warning, under the cap.
        using (var admin = gateway.CreateClient())
        {
            using var overview = JsonDocument.Parse(await admin.GetStringAsync($"/admin/overview?tenant={id}"));
            var spent = overview.RootElement.GetProperty("totals").GetProperty("spend_usd").GetDecimal();
            Assert.True(spent > 0);
            using var patch = await admin.PatchAsJsonAsync($"/admin/tenants/{id}", new { daily_budget = Math.Round(spent / 0.9m, 10) });
            Assert.True(patch.IsSuccessStatusCode, await patch.Content.ReadAsStringAsync());
        }

        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(UiGateway.AdminKey, $"#/overview?tenant={id}&by=model");

        await Expect(ui.Page.GetByTestId("total-requests")).ToContainTextAsync("3");
        await Expect(ui.Page.GetByTestId("spend-line-chart").Locator("circle").First).ToBeAttachedAsync();
        await Expect(ui.Page.GetByTestId("top-models-chart").Locator("rect")).Not.ToHaveCountAsync(0);
        await Expect(ui.Page.GetByTestId("budget-" + id).GetByTestId("budget-warning")).ToHaveTextAsync("near the cap");

        await ui.Page.GetByLabel("Tenant", new() { Exact = true }).SelectOptionAsync("");
        await Expect(ui.Page.GetByTestId("overview-tenant")).ToHaveValueAsync("");
        await Expect(ui.Page.GetByTestId("budget-" + id)).ToBeVisibleAsync();
        await ui.ScreenshotAsync("overview");
        ui.AssertNoScriptErrors();
    }
}
