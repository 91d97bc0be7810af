using Junction.Server.Tests.Infrastructure;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;
using static Junction.Server.Tests.Infrastructure.TenantGatewayFixture;

namespace Junction.Server.Tests.Ingress;

public sealed class SurfaceKeyCanaryTests(TenantGatewayFixture fixture) : IClassFixture<TenantGatewayFixture>
{
    public static TheoryData<string, string> ErrorPaths()
    {
        var rows = new TheoryData<string, string>();
        foreach (var model in new[] { Failing500Model, RateLimitedModel, CuttingModel })
        {
            foreach (var stream in new[] { "false", "true" })
            {
                rows.Add("/v1/chat/completions", $$"""{"model":"{{model}}","stream":{{stream}},"messages":[{"role":"user","content":"hi"}]}""");
                rows.Add("/v1/messages", $$"""{"model":"{{model}}","max_tokens":20,"stream":{{stream}},"messages":[{"role":"user","content":"hi"}]}""");
            }

            rows.Add("/api/route", $$"""{"prompt":"hi","force_model":"{{model}}"}""");
            rows.Add("/api/route/stream", $$"""{"prompt":"hi","force_model":"{{model}}"}""");
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(ErrorPaths))]
    public async Task Post_UpstreamErrorOnEverySurface_NeverShowsTheProviderKeyInResponsesTracesOrLogs(string path, string body)
    {
        using var client = fixture.Gateway.CreateClient(GlobexKey);

        using var response = await client.PostJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers).Select(h => h.Key + ": " + string.Join(",", h.Value)));
        using var trace = await client.GetAsync($"/x/traces/{response.Header("x-junction-trace-id")}");
        var traceText = await trace.Content.ReadAsStringAsync();

        Assert.DoesNotContain(PlantedProviderKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(PlantedProviderKey, headers, StringComparison.Ordinal);
        Assert.DoesNotContain(PlantedProviderKey, traceText, StringComparison.Ordinal);
        Assert.Contains("attempts", traceText, StringComparison.Ordinal);
        Assert.True(fixture.Logs.Count > 0);
        Assert.DoesNotContain(PlantedProviderKey, fixture.Logs.Text(), StringComparison.Ordinal);
    }
}
