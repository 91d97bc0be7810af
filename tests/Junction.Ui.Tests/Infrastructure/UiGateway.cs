using System.Net.Http.Json;
using System.Text.Json;
using Junction.Server.Tests.Infrastructure;
using Junction.Storage;
using Junction.Storage.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Junction.Ui.Tests.Infrastructure;

/// <summary>
/// One real gateway (Kestrel on 127.0.0.1, an empty store, the simulator at zero delay, a configured admin key) and one
/// headless Debian Chromium, shared by every UI test. Each test opens its own browser context (its own cookies) and
/// creates its own tenants, so tests never see each other's data.
/// </summary>
public sealed class UiGateway : IAsyncLifetime
{
    public const string AdminKey = "jk_test_ui_platform_admin_key";
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Screenshots go here when set (e.g. <c>docs/ui</c>), else to a temporary folder.</summary>
    public const string ScreenshotsVariable = "JUNCTION_UI_SCREENSHOTS";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private RunningGateway? _gateway;

    public Uri BaseAddress => Gateway.BaseAddress;

    public RunningGateway Gateway => _gateway ?? throw new InvalidOperationException("The gateway has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public string ScreenshotDirectory { get; } = Environment.GetEnvironmentVariable(ScreenshotsVariable) is { Length: > 0 } dir
        ? Path.GetFullPath(dir, RepositoryRoot())
        : Path.Combine(Path.GetTempPath(), "junction-ui-screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The UI tests drive Debian's chromium at {ChromiumPath}; test.sh installs it (apt-get install chromium).");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _gateway = await RunningGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Junction:Simulator:LatencyMs"] = "0",
            ["Junction:Simulator:TtftMs"] = "0",
            ["Junction:Simulator:TokensPerSecond"] = "0",
            ["Junction:Admin:KeyHash"] = ApiKeySecrets.Hash(AdminKey),
        });

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    /// <summary>The folder holding <c>Junction.slnx</c>, so a relative screenshot folder means the same from any working directory.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Junction.slnx")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>A fresh browser context (no cookies) on a 1366×768 laptop screen, with a page that records script errors.</summary>
    public async Task<UiPage> OpenAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        return new UiPage(this, context, page);
    }

    /// <summary>A client calling the gateway's API with <paramref name="apiKey"/> (the admin key when none is given).</summary>
    public HttpClient CreateClient(string? apiKey = AdminKey) => Gateway.CreateClient(apiKey);

    /// <summary>Writes the request log's queued records, so reports include every request answered so far.</summary>
    public Task FlushRequestLogAsync() => Gateway.Services.GetRequiredService<EmbeddedStore>().RequestLog.FlushAsync();

    /// <summary>A tenant of the test's own, created through the admin API: <c>{prefix}-{8 random hex}</c>.</summary>
    public async Task<string> CreateTenantAsync(string prefix = "t", object? extra = null)
    {
        var id = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        var body = new Dictionary<string, object?> { ["id"] = id, ["name"] = $"Tenant {id}" };
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                body[property.Name] = property.Value;
            }
        }

        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/admin/tenants", body);
        Assert.True(response.IsSuccessStatusCode, $"creating tenant {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return id;
    }

    /// <summary>A new key of <paramref name="role"/> for <paramref name="tenant"/>; returns its id and secret.</summary>
    public async Task<(string Id, string Secret)> CreateKeyAsync(string tenant, string role = "member", string name = "test")
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync($"/admin/tenants/{tenant}/keys", new { name, role });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"creating a key for {tenant}: {(int)response.StatusCode} {text}");
        using var json = JsonDocument.Parse(text);
        return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("secret").GetString()!);
    }
}

/// <summary>The one collection every UI test class joins, so the gateway and the browser start once.</summary>
[CollectionDefinition(Name)]
public sealed class UiCollection : ICollectionFixture<UiGateway>
{
    public const string Name = "ui";
}
