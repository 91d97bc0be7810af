using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Junction.Ui.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Junction.Ui.Tests.Pages;

[Collection(UiCollection.Name)]
public sealed class TenantsTests(UiGateway gateway)
{
    [Fact]
    public async Task CreateTenant_FromForm_OpensItsPageAndListsIt()
    {
        var id = "ui-" + Guid.NewGuid().ToString("N")[..8];
        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(UiGateway.AdminKey, "#/tenants");

        await ui.Page.GetByLabel("Id", new() { Exact = true }).FillAsync(id);
        await ui.Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Acme Research");
        await ui.Page.GetByTestId("new-tenant-daily").FillAsync("25");
        await ui.Page.GetByTestId("new-tenant-name").PressAsync("Enter");

        await Expect(ui.Page).ToHaveURLAsync(new Regex($"#/tenants/{id}$"));
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Acme Research");
        await Expect(ui.Page.GetByTestId("limit-daily")).ToHaveValueAsync("25");
        await ui.ScreenshotAsync("tenant");

        await ui.Page.GetByTestId("nav-tenants").ClickAsync();
        await Expect(ui.Page.GetByTestId("tenant-" + id)).ToContainTextAsync("Acme Research");
        await ui.ScreenshotAsync("tenants");
        using var client = gateway.CreateClient();
        using var stored = JsonDocument.Parse(await client.GetStringAsync($"/admin/tenants/{id}"));
        Assert.Equal(25m, stored.RootElement.GetProperty("daily_budget").GetDecimal());
        ui.AssertNoScriptErrors();
    }

    [Fact]
    public async Task CreateTenant_DuplicateId_ShowsTheError()
    {
        var id = await gateway.CreateTenantAsync("dup");
        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(UiGateway.AdminKey, "#/tenants");

        await ui.Page.GetByTestId("new-tenant-id").FillAsync(id);
        await ui.Page.GetByTestId("new-tenant-submit").ClickAsync();

        await Expect(ui.Page.GetByTestId("error")).ToBeVisibleAsync();
        await Expect(ui.Page).ToHaveURLAsync(new Regex("#/tenants$"));
    }

    [Fact]
    public async Task PolicyEditor_InvalidThenValid_ShowsErrorPathThenCanonicalFormAndFingerprint()
    {
        var id = await gateway.CreateTenantAsync("pol");
        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(UiGateway.AdminKey, $"#/tenants/{id}");
        var editor = ui.Page.GetByTestId("policy-editor");

        await editor.FillAsync("""{"v": "junction-pol/v1", "filter": ["in", "provder", ["openai"]]}""");
        await Expect(ui.Page.GetByTestId("policy-error-path").First).ToHaveTextAsync(new Regex(@"^filter\["));
        await Expect(ui.Page.GetByTestId("policy-errors")).ToContainTextAsync("provider");
        await Expect(ui.Page.GetByTestId("policy-save")).ToBeDisabledAsync();
        await Expect(editor).ToHaveAttributeAsync("aria-invalid", "true");

        await editor.FillAsync("""{"v": "junction-pol/v1", "filter": ["in", "provider", ["openai", "anthropic"]], "rank": "lowest_cost"}""");
        await Expect(ui.Page.GetByTestId("policy-fingerprint")).ToHaveTextAsync(new Regex("^pol_[0-9a-f]{12}$"));
        await Expect(ui.Page.GetByTestId("policy-canonical")).ToContainTextAsync("\"attempt_timeout_ms\"");
        var fingerprint = await ui.Page.GetByTestId("policy-fingerprint").TextContentAsync();
        await ui.ScreenshotAsync("policy-editor", ui.Page.GetByTestId("policy-form"));

        await ui.Page.GetByTestId("policy-save").ClickAsync();
        await Expect(ui.Page.GetByTestId("policy-saved")).ToBeVisibleAsync();
        using var client = gateway.CreateClient();
        using var stored = JsonDocument.Parse(await client.GetStringAsync($"/admin/tenants/{id}"));
        var policy = stored.RootElement.GetProperty("policy");
        using var validated = await client.PostAsJsonAsync("/x/validate", new { policy });
        using var check = JsonDocument.Parse(await validated.Content.ReadAsStringAsync());
        Assert.Equal(fingerprint, check.RootElement.GetProperty("fingerprint").GetString());
        ui.AssertNoScriptErrors();
    }

    [Fact]
    public async Task PolicyEditor_NotJson_ShowsTheParseError()
    {
        var id = await gateway.CreateTenantAsync("json");
        await using var ui = await gateway.OpenAsync();
        await ui.SignInAsync(UiGateway.AdminKey, $"#/tenants/{id}");

        await ui.Page.GetByTestId("policy-editor").FillAsync("{\"v\": ");

        await Expect(ui.Page.GetByTestId("policy-error-path")).ToHaveTextAsync("(json)");
        await Expect(ui.Page.GetByTestId("policy-save")).ToBeDisabledAsync();
    }
}
