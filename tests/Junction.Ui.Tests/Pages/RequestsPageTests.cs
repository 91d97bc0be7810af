using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Junction.Ui.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Junction.Ui.Tests.Pages;

[Collection(UiCollection.Name)]
public sealed class RequestsPageTests(UiGateway gateway)
{
    [Fact]
    public async Task Requests_TenantTraffic_ListsItAndFiltersByModelAndOutcome()
    {
        var (tenant, key) = await Traffic.TenantWithKeyAsync(gateway, "req");
        var served = await Traffic.ChatAsync(gateway, key, "lowest-cost");
        var denied = await Traffic.ChatAsync(gateway, key, "deepseek-chat");
        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        await Traffic.WaitForLogAsync(gateway, tenant, 2);
        var (_, viewer) = await gateway.CreateKeyAsync(tenant, "viewer", "ui");

        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(viewer, "#/requests");
        var rows = ui.Page.GetByTestId("request-row");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(ui.Page.Locator($"[data-testid=request-row][data-id='{served.TraceId}']")).ToContainTextAsync(served.Model!);
        await Expect(ui.Page.GetByTestId("spend-total")).Not.ToHaveTextAsync("$0.00");
        await ui.ScreenshotAsync("requests");

        await ui.Page.GetByLabel("Outcome").SelectOptionAsync("denied");
        await Expect(ui.Page).ToHaveURLAsync(new Regex("outcome=denied"));
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-outcome", "denied");

        await ui.Page.GetByLabel("Outcome").SelectOptionAsync("");
        await Expect(rows).ToHaveCountAsync(2);
        await ui.Page.GetByLabel("Model", new() { Exact = true }).FillAsync(served.Model!);
        await ui.Page.GetByLabel("Model", new() { Exact = true }).PressAsync("Enter");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-id", served.TraceId!);

        await ui.Page.GetByLabel("Model", new() { Exact = true }).FillAsync("");
        await ui.Page.GetByLabel("Search").FillAsync(denied.TraceId!);
        await ui.Page.GetByLabel("Search").PressAsync("Enter");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-id", denied.TraceId!);

        Assert.DoesNotContain(key, await ui.DomTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(viewer, await ui.DomTextAsync(), StringComparison.Ordinal);
        ui.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Request_OpenedFromTheLog_ShowsChosenModelRejectionsAndActualCost()
    {
        var (tenant, key) = await Traffic.TenantWithKeyAsync(gateway, "trace");
        var served = await Traffic.ChatAsync(gateway, key, "lowest-cost");
        Assert.Equal(HttpStatusCode.OK, served.Status);
        await Traffic.WaitForLogAsync(gateway, tenant, 1);

        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(UiGateway.AdminKey, $"#/requests?tenant={tenant}");
        await ui.Page.Locator($"[data-testid=request-row][data-id='{served.TraceId}'] a").ClickAsync();

        await Expect(ui.Page).ToHaveURLAsync(new Regex($"#/requests/{tenant}/{served.TraceId}$"));
        await Expect(ui.Page.GetByTestId("trace-chosen")).ToContainTextAsync(served.Model!);
        await Expect(ui.Page.Locator("[data-testid=ranked-row].chosen")).ToHaveAttributeAsync("data-model", served.Model!);
        var tenantRejections = ui.Page.Locator($"[data-testid=rejected-group][data-layer='tenant:{tenant}']");
        await Expect(tenantRejections).ToHaveCountAsync(1);
        await Expect(tenantRejections.GetByTestId("rejected-rule")).ToHaveTextAsync("provider ≠ deepseek");
        await Expect(tenantRejections.Locator("[data-testid=rejected-model][data-model='deepseek-chat']")).ToBeVisibleAsync();
        await Expect(ui.Page.GetByTestId("attempt-row")).ToHaveCountAsync(1);

        // The page shows the cost the gateway answered with (to the millionth of a dollar, as it formats small costs).
        var actual = await ui.Page.GetByTestId("request-actual-cost").TextContentAsync();
        Assert.Equal(served.ActualCost!.Value, double.Parse(actual!.TrimStart('$'), CultureInfo.InvariantCulture), 6);
        await Expect(ui.Page.GetByTestId("trace-actual-cost")).ToHaveTextAsync(actual);
        await ui.ScreenshotAsync("request-trace");
        await ui.ScreenshotAsync("request-trace-rejections", ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Rejected (" }));
        ui.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Request_Denied_ShowsEveryRejectionAndNoAttempt()
    {
        var (tenant, key) = await Traffic.TenantWithKeyAsync(gateway, "denied");
        var denied = await Traffic.ChatAsync(gateway, key, "deepseek-chat");
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        await Traffic.WaitForLogAsync(gateway, tenant, 1);

        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(UiGateway.AdminKey, $"#/requests?tenant={tenant}&outcome=denied");
        await ui.Page.GetByTestId("request-row").First.GetByRole(AriaRole.Link).ClickAsync();

        await Expect(ui.Page.GetByTestId("request-problem")).ToContainTextAsync("Denied");
        await Expect(ui.Page.Locator($"[data-testid=rejected-group][data-layer='tenant:{tenant}'] [data-model='deepseek-chat']")).ToBeVisibleAsync();
        await Expect(ui.Page.GetByTestId("attempts-empty")).ToBeVisibleAsync();
        ui.AssertNoScriptErrors();
    }
}
