using System.Text.Json;
using Junction.Storage.Tenants;
using Junction.Server.Tests.Infrastructure;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Recording;

/// <summary>A trace read back from the request log is the whole trace, its shared rejection list included.</summary>
public sealed class StoredTraceTests
{
    [Fact]
    public async Task Trace_CommittedWithASharedRejectionList_ReadsBackWithEveryRejection()
    {
        await using var gateway = await StoreGateway.StartAsync();
        var key = await gateway.AddKeyAsync(new Tenant { Id = "acme", Name = "Acme" });
        using var client = gateway.CreateClient(key);
        var body = Chat("auto", extra: ""","junction":{"policy":{"filter":["in","provider",["openai"]]}}""");

        using var first = await client.PostJsonAsync("/v1/chat/completions", body);
        using var second = await client.PostJsonAsync("/v1/chat/completions", body);
        using var pending = await client.GetAsync($"/x/traces/{second.Header("x-junction-trace-id")}");
        var pendingRejected = (await pending.ReadJsonAsync()).GetProperty("rejected").GetRawText();
        await gateway.Store.RequestLog.FlushAsync();
        using var firstStored = await client.GetAsync($"/x/traces/{first.Header("x-junction-trace-id")}");
        using var secondStored = await client.GetAsync($"/x/traces/{second.Header("x-junction-trace-id")}");

        var rejected = (await firstStored.ReadJsonAsync()).GetProperty("rejected");
        Assert.True(rejected.GetArrayLength() > 10, rejected.GetRawText());
        Assert.All(rejected.EnumerateArray(), r => Assert.NotEqual("openai", r.GetProperty("provider").GetString()));
        Assert.Equal(pendingRejected, (await secondStored.ReadJsonAsync()).GetProperty("rejected").GetRawText());
        Assert.Equal(rejected.GetRawText(), pendingRejected);
        Assert.False((await secondStored.ReadJsonAsync()).TryGetProperty("rejected_set", out _));
    }
}
