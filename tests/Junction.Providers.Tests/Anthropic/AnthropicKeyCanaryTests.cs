using Junction.Providers.Anthropic;
using Junction.Providers.Tests.Infrastructure;

namespace Junction.Providers.Tests.Anthropic;

/// <summary>
/// The key-canary drill (<see cref="KeyCanary"/>) with the echoes an Anthropic provider or a proxy might send; the key
/// travels as <c>x-api-key</c>.
/// </summary>
public sealed class AnthropicKeyCanaryTests(ReplayServer server) : IClassFixture<ReplayServer>
{
    private static readonly KeyCanaryDialect Dialect = new(
        http => new AnthropicAdapter(http),
        (url, key) => new(TestCalls.Hello(stream: true), TestCalls.Model("claude-sonnet-4-5", "anthropic"), new("anthropic", url, key)),
        key =>
        {
            var masked = key[..12] + "************" + key[^4..];
            return
            [
                (401, $$$"""{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key: {{{key}}}"}}"""),
                (429, $$$"""{"type":"error","error":{"type":"rate_limit_error","message":"Rate limit reached for key {{{masked}}} (x-api-key: {{{key}}})."}}"""),
                (400, $$$"""{"type":"error","error":{"type":"invalid_request_error","message":"See https://console.anthropic.com/settings/keys?key={{{key}}} for details"}}"""),
                (529, $$$"""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded for {{{key[..10]}}}...{{{key[^10..]}}}"}}"""),
                (502, $$$"""{"error":"upstream rejected header x-api-key={{{key}}}"}"""),
            ];
        },
        key => $$$"""event: error{{{"\n"}}}data: {"type":"error","error":{"type":"api_error","message":"Key {{{key}}} was revoked mid-stream"}}""" + "\n\n",
        AnthropicPayloads.Bytes("stream_ends_without_stop.sse"),
        (received, key) => Assert.Equal(key, received.Headers["x-api-key"]));

    [Theory]
    [InlineData("sk-ant-api03-canary-JUNCTION-7f3a9c2e5b1d4680")]
    [InlineData("canary-JUNCTION-7f3a9c2e5b1d4680-no-known-prefix")]
    public Task EveryFailure_ProviderEchoesTheKey_KeyAppearsInNoErrorResultOrException(string key) =>
        KeyCanary.AssertKeyNeverLeaksAsync(server, Dialect, key);
}
