using System.Net;
using Junction.Server.Tests.Infrastructure;
using Junction.Storage;
using Junction.Storage.Tenants;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Admission;

public sealed class BudgetAdmissionTests
{
    // gpt-4.1: 1000 output tokens at its price_out dominate the worst case (a few cents each).
    private const string Request = """{"model":"gpt-4.1","max_tokens":1000,"messages":[{"role":"user","content":"hi"}]}""";

    [Fact]
    public async Task ConcurrentRequests_SettledSpendNeverExceedsTheBudgetAndHoldsReturnToZero()
    {
        await using var gateway = await StoreGateway.StartAsync();
        var catalog = (Junction.Core.Catalog.CatalogState)gateway.Gateway.Services.GetService(typeof(Junction.Core.Catalog.CatalogState))!;
        var model = catalog.Current.Models.First(m => m.Id == "gpt-4.1");
        var perRequest = (decimal)(1000 * model.PriceOut / 1_000_000d);
        var budget = Math.Round(perRequest * 10.5m, 6);
        var secret = await gateway.AddKeyAsync(new Tenant { Id = "capped", Name = "Capped", DailyBudgetUsd = budget });
        using var client = gateway.CreateClient(secret);

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => client.PostJsonAsync("/v1/chat/completions", Request)));
        var usage = await gateway.Store.Budgets.GetUsageAsync(ScopeKind.Tenant, "capped");

        var ok = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.PaymentRequired).ToList();
        Assert.InRange(ok, 10, 59);
        Assert.Equal(60, ok + refused.Count);
        var error = await refused[0].AssertErrorAsync(HttpStatusCode.PaymentRequired, "budget_exceeded");
        Assert.Contains("tenant:capped", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("insufficient_quota", error.GetProperty("type").GetString());
        Assert.True(usage.SpentTodayUsd <= budget, $"spent {usage.SpentTodayUsd} > budget {budget}");
        Assert.True(usage.SpentTodayUsd > 0);
        Assert.Equal(0m, usage.HeldUsd);
    }

    [Fact]
    public async Task KeyBudget_RefusalNamesTheKeyByPrefix()
    {
        await using var gateway = await StoreGateway.StartAsync();
        var secret = await gateway.AddKeyAsync(new Tenant { Id = "acme", Name = "Acme" }, shape: k => k with { DailyBudgetUsd = 0.000001m });
        using var client = gateway.CreateClient(secret);

        using var response = await client.PostJsonAsync("/v1/chat/completions", Request);

        var error = await response.AssertErrorAsync(HttpStatusCode.PaymentRequired, "budget_exceeded");
        Assert.Contains("key:" + secret[..11], error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("daily", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
