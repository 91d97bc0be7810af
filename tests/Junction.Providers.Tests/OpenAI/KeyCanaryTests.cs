using Junction.Providers.OpenAI;
using Junction.Providers.Tests.Infrastructure;

namespace Junction.Providers.Tests.OpenAI;

/// <summary>The key-canary drill (<see cref="KeyCanary"/>) with OpenAI's echoes; the key travels as a bearer token.</summary>
public sealed class KeyCanaryTests(ReplayServer server) : IClassFixture<ReplayServer>
{
    private static readonly KeyCanaryDialect Dialect = new(
        http => new OpenAICompatibleAdapter(http),
        (url, key) => new(TestCalls.Hello(stream: true), TestCalls.Model(), new("openai", url, key)),
        key =>
        {
            var masked = key[..12] + "************" + key[^4..];
            return
            [
                (401, $$$"""{"error":{"message":"Incorrect API key provided: {{{key}}}. You can find your API key at https://platform.openai.com/account/api-keys?key={{{key}}}.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"""),
                (429, $$$"""{"error":{"message":"Rate limit reached for key {{{masked}}} (Bearer {{{key}}}).","type":"requests","param":null,"code":"rate_limit_exceeded"}}"""),
                (400, $$$"""{"error":{"message":"Bad header 'Authorization: Bearer {{{key}}}'","type":"invalid_request_error","param":null,"code":null}}"""),
                (422, $$$"""{"object":"error","message":{"detail":[{"msg":"bad key","input":"{{{key}}}"}]},"type":"invalid_request_error"}"""),
            ];
        },
        key => $$$"""data: {"error":{"message":"Key {{{key}}} was revoked mid-stream","type":"server_error","param":null,"code":null}}""" + "\n\n",
        Payloads.Bytes("stream_ends_without_done.sse"),
        (received, key) => Assert.Equal($"Bearer {key}", received.Authorization));

    [Theory]
    [InlineData("sk-canary-JUNCTION-7f3a9c2e5b1d4680")]
    [InlineData("canary-JUNCTION-7f3a9c2e5b1d4680-no-known-prefix")]
    public Task EveryFailure_ProviderEchoesTheKey_KeyAppearsInNoErrorResultOrException(string key) =>
        KeyCanary.AssertKeyNeverLeaksAsync(server, Dialect, key);
}
