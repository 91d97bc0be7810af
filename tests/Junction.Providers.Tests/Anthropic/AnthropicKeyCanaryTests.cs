using System.Text;
using Junction.Providers.Abstractions;
using Junction.Providers.Anthropic;
using Junction.Providers.Tests.Infrastructure;

namespace Junction.Providers.Tests.Anthropic;

/// <summary>
/// Plants a recognizable key, makes the "provider" echo it back in every way a provider or a proxy might (whole,
/// masked, in a URL), and proves it reaches no error, result or exception text, while it does reach the wire.
/// </summary>
public sealed class AnthropicKeyCanaryTests(ReplayServer server) : IClassFixture<ReplayServer>
{
    private readonly AnthropicAdapter _adapter = new(server.Client);

    [Theory]
    [InlineData("sk-ant-api03-canary-JUNCTION-7f3a9c2e5b1d4680")]
    [InlineData("canary-JUNCTION-7f3a9c2e5b1d4680-no-known-prefix")]
    public async Task EveryFailure_ProviderEchoesTheKey_KeyAppearsInNoErrorResultOrException(string key)
    {
        var masked = key[..12] + "************" + key[^4..];
        var texts = new List<string>();

        foreach (var (status, body) in new[]
        {
            (401, $$$"""{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key: {{{key}}}"}}"""),
            (429, $$$"""{"type":"error","error":{"type":"rate_limit_error","message":"Rate limit reached for key {{{masked}}} (x-api-key: {{{key}}})."}}"""),
            (400, $$$"""{"type":"error","error":{"type":"invalid_request_error","message":"See https://console.anthropic.com/settings/keys?key={{{key}}} for details"}}"""),
            (529, $$$"""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded for {{{key[..10]}}}...{{{key[^10..]}}}"}}"""),
            (502, $$$"""{"error":"upstream rejected header x-api-key={{{key}}}"}"""),
        })
        {
            var url = server.Serve(ReplayScript.Json(status, Encoding.UTF8.GetBytes(body)), out var scenario);
            var call = Call(url, key);

            var result = await _adapter.CompleteAsync(call, CancellationToken.None);
            var opened = await _adapter.OpenStreamAsync(call, CancellationToken.None);

            Assert.Equal(key, server.Received(scenario)!.Headers["x-api-key"]);
            Assert.NotNull(result.Error);
            texts.Add(result.Error.Message);
            texts.Add(result.ToString());
            texts.Add(opened.ToString());
            texts.Add(call.ToString());
        }

        var streamError = $$$"""event: error{{{"\n"}}}data: {"type":"error","error":{"type":"api_error","message":"Key {{{key}}} was revoked mid-stream"}}""" + "\n\n";
        var streamUrl = server.Serve(ReplayScript.EventStream(Encoding.UTF8.GetBytes(streamError)));
        texts.Add((await _adapter.OpenStreamAsync(Call(streamUrl, key), CancellationToken.None)).ToString());

        var midStream = Encoding.UTF8.GetString(AnthropicPayloads.Bytes("stream_ends_without_stop.sse")) + streamError;
        var midUrl = server.Serve(ReplayScript.EventStream(Encoding.UTF8.GetBytes(midStream)));
        var open = await _adapter.OpenStreamAsync(Call(midUrl, key), CancellationToken.None);
        await using (open.Stream!)
        {
            foreach (var e in await StreamCollector.ReadAllAsync(open.Stream!))
            {
                texts.Add(e.ToString());
            }
        }

        texts.Add((await _adapter.CompleteAsync(Call(new Uri("http://127.0.0.1:1/v1"), key), CancellationToken.None)).ToString());

        var hanging = server.Serve(new ReplayScript { HeadersDelay = TimeSpan.FromSeconds(30) });
        texts.Add((await _adapter.CompleteAsync(Call(hanging, key) with { AttemptTimeout = TimeSpan.FromMilliseconds(100) }, CancellationToken.None)).ToString());
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _adapter.CompleteAsync(Call(hanging, key), caller.Token));
        texts.Add(cancelled.ToString());

        Assert.Contains(texts, t => t.Contains("mid-stream", StringComparison.Ordinal));
        foreach (var text in texts)
        {
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
            Assert.DoesNotContain(key[..8], text, StringComparison.Ordinal);
            Assert.DoesNotContain(key[^8..], text, StringComparison.Ordinal);
        }
    }

    private static ProviderCall Call(Uri url, string key) =>
        new(TestCalls.Hello(stream: true), TestCalls.Model("claude-sonnet-4-5", "anthropic"), new ProviderEndpoint("anthropic", url, key));
}
