using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Junction.Ui.Tests.Infrastructure;

namespace Junction.Ui.Tests.Pages;

/// <summary>Real model traffic for the pages to show: chat completions through <c>/v1</c> with a tenant's key, answered by the simulator.</summary>
internal static class Traffic
{
    /// <summary>The tenant layer every traffic tenant carries, so each trace holds rejections by a rule the test knows.</summary>
    public static readonly object NoDeepSeekPolicy = new { policy = new { filter = new object[] { "ne", "provider", "deepseek" } } };

    /// <summary>What the gateway answered about one request.</summary>
    public sealed record Served(HttpStatusCode Status, string? TraceId, string? Model, double? ActualCost);

    /// <summary>A tenant whose policy rejects DeepSeek, and a member key to send its traffic.</summary>
    public static async Task<(string Tenant, string Key)> TenantWithKeyAsync(UiGateway gateway, string prefix)
    {
        var tenant = await gateway.CreateTenantAsync(prefix, NoDeepSeekPolicy);
        var (_, secret) = await gateway.CreateKeyAsync(tenant, "member", "traffic");
        return (tenant, secret);
    }

    /// <summary>Sends one chat completion with <paramref name="model"/> (a strategy or a catalog id) and reads the <c>junction</c> object.</summary>
    public static async Task<Served> ChatAsync(UiGateway gateway, string key, string model, string text = "Hello from the UI tests")
    {
        using var client = gateway.CreateClient(key);
        using var response = await client.PostAsJsonAsync("/v1/chat/completions", new
        {
            model,
            messages = new[] { new { role = "user", content = text } },
        });
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        var traceId = response.Headers.TryGetValues("x-junction-trace-id", out var ids) ? ids.First() : null;
        if (!json.RootElement.TryGetProperty("junction", out var junction))
        {
            return new Served(response.StatusCode, traceId, null, null);
        }

        return new Served(
            response.StatusCode,
            junction.GetProperty("trace_id").GetString(),
            junction.GetProperty("model").GetString(),
            junction.GetProperty("actual_cost").GetDouble());
    }

    /// <summary>Waits until the request log holds <paramref name="count"/> records for the tenant: the store writes them in batches.</summary>
    public static async Task WaitForLogAsync(UiGateway gateway, string tenant, int count)
    {
        using var client = gateway.CreateClient();
        for (var i = 0; i < 100; i++)
        {
            using var json = JsonDocument.Parse(await client.GetStringAsync($"/admin/tenants/{tenant}/logs"));
            if (json.RootElement.GetProperty("data").GetArrayLength() >= count)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"The request log of {tenant} never reached {count} records.");
    }
}
