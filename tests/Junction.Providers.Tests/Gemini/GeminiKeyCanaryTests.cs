using System.Text;
using Junction.Providers.Abstractions;
using Junction.Providers.Gemini;
using Junction.Providers.Tests.Infrastructure;

namespace Junction.Providers.Tests.Gemini;

/// <summary>
/// Plants a recognizable key, makes the "provider" echo it back in every way Google does (whole in a message, in a
/// debug detail, in a URL), and proves it reaches the wire only as the <c>x-goog-api-key</c> header: never the URL
/// (where peers put it, as <c>?key=</c>), and no error, result or exception text.
/// </summary>
public sealed class GeminiKeyCanaryTests(ReplayServer server) : IClassFixture<ReplayServer>
{
    private readonly GeminiAdapter _adapter = new(server.Client);

    [Theory]
    [InlineData("AIzaSyCANARY-JUNCTION-7f3a9c2e5b1d4680")]
    [InlineData("canary-JUNCTION-7f3a9c2e5b1d4680-no-known-prefix")]
    public async Task EveryPath_ProviderEchoesTheKey_KeyTravelsOnlyInTheHeader(string key)
    {
        var texts = new List<string>();
        foreach (var (status, body) in new[]
        {
            (400, $$$"""{"error":{"code":400,"message":"API key not valid: {{{key}}}. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID"},{"@type":"type.googleapis.com/google.rpc.DebugInfo","detail":"Invalid API key: {{{key}}}"}]}}"""),
            (403, $$$"""{"error":{"code":403,"message":"Requests from https://generativelanguage.googleapis.com/v1beta/models/x:generateContent?key={{{key}}} are blocked.","status":"PERMISSION_DENIED"}}"""),
            (429, $$$"""{"error":{"code":429,"message":"Quota exceeded for key {{{key[..10]}}}...{{{key[^6..]}}} ({{{key}}})","status":"RESOURCE_EXHAUSTED"}}"""),
            (500, $$$"""{"error":{"code":500,"message":"x-goog-api-key: {{{key}}}","status":"INTERNAL"}}"""),
        })
        {
            var url = GeminiTestData.Serve(server, ReplayScript.Json(status, Encoding.UTF8.GetBytes(body)), out var scenario);
            var call = Call(url, key);

            var result = await _adapter.CompleteAsync(call, CancellationToken.None);
            AssertOnlyInHeader(server.Received(scenario)!, key);
            var opened = await _adapter.OpenStreamAsync(call, CancellationToken.None);
            AssertOnlyInHeader(server.Received(scenario)!, key);

            Assert.NotNull(result.Error);
            texts.Add(result.Error.Message);
            texts.Add(result.ToString());
            texts.Add(opened.ToString());
            texts.Add(call.ToString());
        }

        var streamError = $$$"""data: {"error":{"code":500,"message":"Key {{{key}}} was revoked mid-stream","status":"INTERNAL"}}""" + "\r\n\r\n";
        var streamUrl = GeminiTestData.Serve(server, GeminiTestData.EventStream(Encoding.UTF8.GetBytes(streamError)));
        texts.Add((await _adapter.OpenStreamAsync(Call(streamUrl, key), CancellationToken.None)).ToString());

        var midStream = Encoding.UTF8.GetString(GeminiTestData.Bytes("stream_without_finish.sse")) + streamError;
        var midUrl = GeminiTestData.Serve(server, GeminiTestData.EventStream(Encoding.UTF8.GetBytes(midStream)), out var midScenario);
        var open = await _adapter.OpenStreamAsync(Call(midUrl, key), CancellationToken.None);
        await using (open.Stream!)
        {
            foreach (var e in await StreamCollector.ReadAllAsync(open.Stream!))
            {
                texts.Add(e.ToString());
            }
        }

        AssertOnlyInHeader(server.Received(midScenario)!, key);

        texts.Add((await _adapter.CompleteAsync(Call(new Uri("http://127.0.0.1:1/v1beta"), key), CancellationToken.None)).ToString());
        var hanging = GeminiTestData.Serve(server, new ReplayScript { HeadersDelay = TimeSpan.FromSeconds(30) });
        texts.Add((await _adapter.CompleteAsync(Call(hanging, key) with { AttemptTimeout = TimeSpan.FromMilliseconds(100) }, CancellationToken.None)).ToString());
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        texts.Add((await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _adapter.CompleteAsync(Call(hanging, key), caller.Token))).ToString());

        Assert.Contains(texts, t => t.Contains("mid-stream", StringComparison.Ordinal));
        foreach (var text in texts)
        {
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
            Assert.DoesNotContain(key[..8], text, StringComparison.Ordinal);
            Assert.DoesNotContain(key[^8..], text, StringComparison.Ordinal);
        }
    }

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

    private static ProviderCall Call(Uri url, string key) =>
        new(TestCalls.Hello(stream: true), TestCalls.Model("gemini-2.5-flash", "google"), new ProviderEndpoint("google", url, key));
}
