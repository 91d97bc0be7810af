using System.Globalization;
using System.Net;
using System.Text.Json;
using Junction.Server.Tests.Infrastructure;
using Junction.Storage.Keys;
using Junction.Storage.Tenants;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Admin;

public sealed class OverviewAdminApiTests
{
    private static readonly Tenant Acme = new() { Id = "acme", Name = "Acme", DailyBudgetUsd = 10m };
    private static readonly Tenant Beta = new() { Id = "beta", Name = "Beta" };

    [Fact]
    public async Task Overview_AfterRealTraffic_CountsSpendErrorsAndBudgetsWithZeroFilledDays()
    {
        await using var faulty = await FaultyOpenAIGateway.StartAsync();
        var gateway = faulty.Gateway;
        await SendTrafficAsync(gateway);
        using var admin = gateway.CreateClient(StoreGateway.AdminKey);
        var acmeLogs = await LogsAsync(admin, "acme");
        var betaLogs = await LogsAsync(admin, "beta");

        using var response = await admin.GetAsync("/admin/overview");

        var body = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var totals = body.GetProperty("totals");
        var acmeSpend = acmeLogs.Sum(r => Cost(r));
        var betaSpend = betaLogs.Sum(r => Cost(r));
        Assert.Equal(6, totals.GetProperty("requests").GetInt64());
        Assert.Equal(1, totals.GetProperty("errors").GetInt64());
        Assert.Equal(1.0 / 6, totals.GetProperty("error_rate").GetDouble(), 5);
        Assert.True(acmeSpend > 0m);
        Assert.Equal(acmeSpend + betaSpend, totals.GetProperty("spend_usd").GetDecimal());
        Assert.Equal(acmeLogs.Concat(betaLogs).Sum(r => r.GetProperty("prompt_tokens").GetInt64()), totals.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(JsonValueKind.Number, totals.GetProperty("latency_ms").GetProperty("p50").ValueKind);
        Assert.True(totals.GetProperty("latency_ms").GetProperty("p95").GetDouble() >= totals.GetProperty("latency_ms").GetProperty("p50").GetDouble());

        var today = DateTime.UtcNow.Date;
        Assert.Equal(today.AddDays(-6), body.GetProperty("from").GetDateTime().ToUniversalTime());
        var series = body.GetProperty("series").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("points").EnumerateArray().ToList());
        Assert.Equal(["acme", "beta"], series.Keys.Order());
        foreach (var (name, points) in series)
        {
            Assert.Equal(7, points.Count);
            Assert.All(points[..6], p => Assert.Equal(0, p.GetProperty("requests").GetInt64()));
            Assert.All(points[..6], p => Assert.Equal(0m, p.GetProperty("spend_usd").GetDecimal()));
            Assert.Equal(today.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), points[6].GetProperty("t").GetString());
        }

        Assert.Equal(4, series["acme"][6].GetProperty("requests").GetInt64());
        Assert.Equal(acmeSpend, series["acme"][6].GetProperty("spend_usd").GetDecimal());
        Assert.Equal(2, series["beta"][6].GetProperty("requests").GetInt64());

        var gpt41 = Assert.Single(body.GetProperty("top_models").EnumerateArray(), m => m.GetProperty("model").GetString() == "gpt-4.1");
        Assert.Equal(3, gpt41.GetProperty("requests").GetInt64());
        Assert.Equal("openai", gpt41.GetProperty("provider").GetString());
        var mistral = Assert.Single(body.GetProperty("top_providers").EnumerateArray(), p => p.GetProperty("provider").GetString() == "mistral");
        Assert.Equal(2, mistral.GetProperty("requests").GetInt64());
        Assert.Equal(betaSpend, mistral.GetProperty("spend_usd").GetDecimal());

        var budgets = body.GetProperty("budgets").EnumerateArray().ToList();
        var acme = Assert.Single(budgets, b => b.GetProperty("tenant").GetString() == "acme");
        Assert.Equal(10m, acme.GetProperty("daily_budget").GetDecimal());
        Assert.Equal(acmeSpend, acme.GetProperty("daily_spend").GetDecimal());
        Assert.Equal(acmeSpend, acme.GetProperty("monthly_spend").GetDecimal());
        Assert.Equal(JsonValueKind.Null, acme.GetProperty("monthly_budget").ValueKind);
        Assert.Equal((double)(acmeSpend / 10m), acme.GetProperty("burn").GetDouble(), 6);
        Assert.False(acme.GetProperty("warning").GetBoolean());
        var beta = Assert.Single(budgets, b => b.GetProperty("tenant").GetString() == "beta");
        Assert.Equal(JsonValueKind.Null, beta.GetProperty("burn").ValueKind);
        Assert.Equal("acme", budgets[0].GetProperty("tenant").GetString()); // budgeted tenants first
    }

    [Fact]
    public async Task Overview_TenantAdmin_IsPinnedToItsTenantAndAnotherTenantIs404()
    {
        await using var faulty = await FaultyOpenAIGateway.StartAsync();
        var gateway = faulty.Gateway;
        var acmeAdmin = await gateway.AddKeyAsync(Acme, ApiKeyRole.TenantAdmin);
        await SendTrafficAsync(gateway);
        using var client = gateway.CreateClient(acmeAdmin);
        var hour = new DateTimeOffset(DateTime.UtcNow.Date.AddHours(DateTime.UtcNow.Hour), TimeSpan.Zero);

        var own = await (await client.GetAsync("/admin/overview?by=model")).ReadJsonAsync();
        using var other = await client.GetAsync("/admin/overview?tenant=beta");
        using var hourly = await client.GetAsync($"/admin/overview?tenant=acme&bucket=hour&by=provider&from={Uri.EscapeDataString(hour.AddHours(-2).ToString("O"))}&to={Uri.EscapeDataString(hour.AddHours(1).ToString("O"))}");

        Assert.Equal("acme", own.GetProperty("tenant").GetString());
        Assert.Equal(4, own.GetProperty("totals").GetProperty("requests").GetInt64());
        Assert.Equal(["gpt-4.1", FaultyOpenAIGateway.FailingModel], own.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("name").GetString()).Order());
        Assert.DoesNotContain(own.GetProperty("budgets").EnumerateArray(), b => b.GetProperty("tenant").GetString() != "acme");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        var hours = await hourly.ReadJsonAsync();
        var openai = Assert.Single(hours.GetProperty("series").EnumerateArray());
        Assert.Equal("openai", openai.GetProperty("name").GetString());
        var points = openai.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(3, points.Count);
        Assert.Equal([0L, 0L, 4L], points.Select(p => p.GetProperty("requests").GetInt64()));
    }

    [Fact]
    public async Task Overview_BadBucketOrTooLongARange_Is400NamingTheField()
    {
        await using var gateway = await StoreGateway.StartAsync();
        using var admin = gateway.CreateClient(StoreGateway.AdminKey);

        using var bucket = await admin.GetAsync("/admin/overview?bucket=week&by=colour");
        using var range = await admin.GetAsync("/admin/overview?bucket=hour&from=2025-01-01&to=2025-12-31");
        using var empty = await admin.GetAsync("/admin/overview?from=2025-01-02&to=2025-01-01");

        var fields = (await bucket.ReadJsonAsync()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Equal(HttpStatusCode.BadRequest, bucket.StatusCode);
        Assert.Equal(["bucket", "by"], fields);
        Assert.Equal(HttpStatusCode.BadRequest, range.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    /// <summary>acme: three good requests and one that fails; beta: two on another provider. The log is flushed.</summary>
    private static async Task SendTrafficAsync(StoreGateway gateway)
    {
        using var acme = gateway.CreateClient(await gateway.AddKeyAsync(Acme));
        using var beta = gateway.CreateClient(await gateway.AddKeyAsync(Beta));
        for (var i = 0; i < 3; i++)
        {
            using var ok = await acme.PostJsonAsync("/v1/chat/completions", Chat("gpt-4.1"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var failed = await acme.PostJsonAsync("/v1/chat/completions", Chat(FaultyOpenAIGateway.FailingModel));
        Assert.False(failed.IsSuccessStatusCode);
        for (var i = 0; i < 2; i++)
        {
            using var ok = await beta.PostJsonAsync("/v1/chat/completions", Chat("mistral-small-latest"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        await gateway.Store.RequestLog.FlushAsync();
    }

    private static async Task<List<JsonElement>> LogsAsync(HttpClient admin, string tenant) =>
        (await (await admin.GetAsync($"/admin/tenants/{tenant}/logs")).ReadJsonAsync()).GetProperty("data").EnumerateArray().ToList();

    private static decimal Cost(JsonElement record) =>
        record.GetProperty("actual_cost").ValueKind == JsonValueKind.Number ? record.GetProperty("actual_cost").GetDecimal() : 0m;
}
