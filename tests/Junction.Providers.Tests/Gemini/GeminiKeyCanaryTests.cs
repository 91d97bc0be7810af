using System.Text;
using Junction.Providers.Gemini;
using Junction.Providers.Tests.Infrastructure;

namespace Junction.Providers.Tests.Gemini;

/// <summary>
/// The key-canary drill (<see cref="KeyCanary"/>) with the echoes Google sends (whole in a message, in a debug detail,
/// in a URL); the key reaches the wire only as the <c>x-goog-api-key</c> header: never the URL (where peers put it, as
/// <c>?key=</c>).
/// </summary>
public sealed class GeminiKeyCanaryTests(ReplayServer server) : IClassFixture<ReplayServer>
{
    private static readonly KeyCanaryDialect Dialect = new(
        http => new GeminiAdapter(http),
        (url, key) => new(TestCalls.Hello(stream: true), TestCalls.Model("gemini-2.5-flash", "google"), new("google", url, key)),
        key =>
        [
            (400, $$$"""{"error":{"code":400,"message":"API key not valid: {{{key}}}. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID"},{"@type":"type.googleapis.com/google.rpc.DebugInfo","detail":"Invalid API key: {{{key}}}"}]}}"""),
            (403, $$$"""{"error":{"code":403,"message":"Requests from https://generativelanguage.googleapis.com/v1beta/models/x:generateContent?key={{{key}}} are blocked.","status":"PERMISSION_DENIED"}}"""),
            (429, $$$"""{"error":{"code":429,"message":"Quota exceeded for key {{{key[..10]}}}...{{{key[^6..]}}} ({{{key}}})","status":"RESOURCE_EXHAUSTED"}}"""),
            (500, $$$"""{"error":{"code":500,"message":"x-goog-api-key: {{{key}}}","status":"INTERNAL"}}"""),
        ],
        key => $$$"""data: {"error":{"code":500,"message":"Key {{{key}}} was revoked mid-stream","status":"INTERNAL"}}""" + "\r\n\r\n",
        GeminiTestData.Bytes("stream_without_finish.sse"),
        AssertOnlyInHeader)
    {
        BaseUrl = GeminiTestData.BaseUrl,
        EventStream = body => GeminiTestData.EventStream(body),
        Unreachable = new Uri("http://127.0.0.1:1/v1beta"),
    };

    [Theory]
    [InlineData("AIzaSyCANARY-JUNCTION-7f3a9c2e5b1d4680")]
    [InlineData("canary-JUNCTION-7f3a9c2e5b1d4680-no-known-prefix")]
    public Task EveryPath_ProviderEchoesTheKey_KeyTravelsOnlyInTheHeader(string key) =>
        KeyCanary.AssertKeyNeverLeaksAsync(server, Dialect, key);

    private static void AssertOnlyInHeader(RecordedRequest received, string key)
    {
        Assert.Equal(key, received.Headers["x-goog-api-key"]);
        Assert.DoesNotContain(key[..8], received.Path + received.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("key=", received.Query, StringComparison.OrdinalIgnoreCase);
        Assert.Null(received.Authorization);
        Assert.DoesNotContain(key[..8], Encoding.UTF8.GetString(received.Body), StringComparison.Ordinal);
        foreach (var (name, value) in received.Headers)
        {
            if (!string.Equals(name, "x-goog-api-key", StringComparison.OrdinalIgnoreCase))
            {
                Assert.DoesNotContain(key[..8], value, StringComparison.Ordinal);
            }
        }
    }
}
