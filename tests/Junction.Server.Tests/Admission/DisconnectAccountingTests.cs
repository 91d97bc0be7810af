using System.Net.Http.Headers;
using System.Text;
using Junction.Core.Catalog;
using Junction.Server.Tests.Infrastructure;
using Junction.Storage;
using Junction.Storage.Tenants;

namespace Junction.Server.Tests.Admission;

public sealed class DisconnectAccountingTests
{
    [Fact]
    public async Task StreamingClientDisconnects_DeliveredTokensAreSettledAndTheHoldReleased()
    {
        // 200 tokens at 20 per second: the whole answer would take ten seconds; the client leaves after the first token.
        await using var gateway = await StoreGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Junction:Simulator:TokensPerSecond"] = "20",
            ["Junction:Simulator:OutputTokens"] = "200",
        });
        var secret = await gateway.AddKeyAsync(new Tenant { Id = "leaver", Name = "Leaver", DailyBudgetUsd = 100m });
        using var client = gateway.CreateClient(secret);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(
                """{"model":"gpt-4.1","stream":true,"messages":[{"role":"user","content":"tell me a long story"}]}""",
                Encoding.UTF8,
                new MediaTypeHeaderValue("application/json")),
        };

        using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line && !line.Contains("\"content\":\"", StringComparison.Ordinal))
            {
            }
        }

        var catalog = (CatalogState)gateway.Gateway.Services.GetService(typeof(CatalogState))!;
        var model = catalog.Current.Models.First(m => m.Id == "gpt-4.1");
        var wholeAnswerOutputCost = (decimal)(200 * model.PriceOut / 1_000_000d);
        var usage = await gateway.Store.Budgets.GetUsageAsync(ScopeKind.Tenant, "leaver");
        for (var i = 0; i < 100 && (usage.HeldUsd != 0 || usage.SpentTodayUsd == 0); i++)
        {
            await Task.Delay(50);
            usage = await gateway.Store.Budgets.GetUsageAsync(ScopeKind.Tenant, "leaver");
        }

        Assert.Equal(0m, usage.HeldUsd);
        Assert.True(usage.SpentTodayUsd > 0, "the delivered tokens were not accounted");
        Assert.True(usage.SpentTodayUsd < wholeAnswerOutputCost, $"spent {usage.SpentTodayUsd}: the whole answer was billed, not what was delivered");
    }
}
