using Junction.Server.Tests.Infrastructure;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;
using static Junction.Server.Tests.Infrastructure.TenantGatewayFixture;

namespace Junction.Server.Tests.Auth;

public sealed class KeyLeakTests(TenantGatewayFixture fixture) : IClassFixture<TenantGatewayFixture>
{
    [Fact]
    public async Task EveryResponse_NeverContainsTheProviderKey()
    {
        using var client = fixture.Gateway.CreateClient(GlobexKey);
        var responses = new List<HttpResponseMessage>
        {
            await client.PostJsonAsync("/v1/chat/completions", Chat("gpt-5")),
            await client.PostJsonAsync("/v1/chat/completions", Chat("gpt-5", extra: ""","stream":true,"stream_options":{"include_usage":true}""")),
            await client.PostJsonAsync("/v1/chat/completions", Chat(Failing500Model)),
            await client.PostJsonAsync("/v1/chat/completions", Chat(RateLimitedModel)),
            await client.PostJsonAsync("/v1/chat/completions", Chat(CuttingModel, extra: ""","stream":true""")),
            await client.PostJsonAsync("/v1/chat/completions", Chat("nope")),
            await client.PostJsonAsync("/v1/chat/completions", Chat("auto", extra: ""","junction":{"policy":{"filter":["false"]}}""")),
            await client.PostJsonAsync("/x/rank", """{"prompt":"hi"}"""),
            await client.GetAsync("/v1/models"),
            await client.GetAsync("/x/fields"),
            await client.GetAsync("/readyz"),
        };
        responses.Add(await client.GetAsync($"/x/traces/{responses[2].Header("x-junction-trace-id")}"));

        foreach (var response in responses)
        {
            var text = response.Headers + "\n" + response.Content.Headers + "\n" + await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(PlantedProviderKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain("PLANTED", text, StringComparison.Ordinal);
            response.Dispose();
        }
    }
}
