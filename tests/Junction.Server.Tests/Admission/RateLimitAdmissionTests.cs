using System.Net;
using Junction.Server.Tests.Infrastructure;
using Junction.Storage.Tenants;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Admission;

public sealed class RateLimitAdmissionTests
{
    [Fact]
    public async Task TenantRpm_CountsDownInHeadersThenAnswers429WithRetryAfter()
    {
        await using var gateway = await StoreGateway.StartAsync();
        var secret = await gateway.AddKeyAsync(new Tenant { Id = "acme", Name = "Acme", RequestsPerMinute = 2, TokensPerMinute = 100_000 });
        using var client = gateway.CreateClient(secret);

        using var first = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"));
        using var second = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"));
        using var third = await client.PostJsonAsync("/v1/chat/completions", Chat("auto"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("2", first.Header("x-ratelimit-limit-requests"));
        Assert.Equal("1", first.Header("x-ratelimit-remaining-requests"));
        Assert.Equal("0", second.Header("x-ratelimit-remaining-requests"));
        Assert.Equal("100000", first.Header("x-ratelimit-limit-tokens"));
        Assert.EndsWith("s", first.Header("x-ratelimit-reset-requests"), StringComparison.Ordinal);
        var error = await third.AssertErrorAsync(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.Contains("tenant:acme", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("0", third.Header("x-ratelimit-remaining-requests"));
    }
}
