using System.Net;
using Junction.Server.Tests.Infrastructure;
using Junction.Storage.Tenants;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Admin;

public sealed class LogSearchTests
{
    [Fact]
    public async Task SearchLogs_Q_MatchesARequestIdPrefixOrAModelSubstringAndTakesWildcardsLiterally()
    {
        await using var gateway = await StoreGateway.StartAsync();
        using var client = gateway.CreateClient(await gateway.AddKeyAsync(new Tenant { Id = "acme", Name = "Acme" }));
        using var admin = gateway.CreateClient(StoreGateway.AdminKey);
        using var gpt = await client.PostJsonAsync("/v1/chat/completions", Chat("gpt-4.1"));
        using var mistral = await client.PostJsonAsync("/v1/chat/completions", Chat("mistral-small-latest"));
        await gateway.Store.RequestLog.FlushAsync();
        var gptId = gpt.Header("x-junction-trace-id");

        var byModel = await IdsAsync(admin, "mistral");
        var byUpper = await IdsAsync(admin, "MISTRAL-SMALL");
        var byPrefix = await IdsAsync(admin, gptId[..^4]);
        var byInnerId = await IdsAsync(admin, gptId[4..]);
        var percent = await IdsAsync(admin, "%");
        var underscore = await IdsAsync(admin, "gpt_4");
        using var tooLong = await admin.GetAsync("/admin/tenants/acme/logs?q=" + new string('a', 201));

        Assert.Equal([mistral.Header("x-junction-trace-id")], byModel);
        Assert.Equal(byModel, byUpper);
        Assert.Equal([gptId], byPrefix);
        Assert.Empty(byInnerId);
        Assert.Empty(percent);
        Assert.Empty(underscore);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    private static async Task<List<string>> IdsAsync(HttpClient admin, string q)
    {
        using var response = await admin.GetAsync("/admin/tenants/acme/logs?q=" + Uri.EscapeDataString(q));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("data").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
    }
}
