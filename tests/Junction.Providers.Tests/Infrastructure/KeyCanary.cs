using System.Text;
using Junction.Providers.Abstractions;

namespace Junction.Providers.Tests.Infrastructure;

/// <summary>
/// One dialect's part of the key-canary drill: how its provider echoes a key back (error bodies, a stream error event,
/// a stream that ends without its end marker) and where the key must travel on the wire.
/// </summary>
public sealed record KeyCanaryDialect(
    Func<HttpClient, IProviderAdapter> Adapter,
    Func<Uri, string, ProviderCall> Call,
    Func<string, IReadOnlyList<(int Status, string Body)>> Echoes,
    Func<string, string> StreamError,
    byte[] UnfinishedStream,
    Action<RecordedRequest, string> AssertWire)
{
    /// <summary>The base URL the adapter is given for a replay scenario (the server serves OpenAI-style <c>/v1</c>).</summary>
    public Func<Uri, Uri> BaseUrl { get; init; } = url => url;

    /// <summary>How the dialect's event stream is served.</summary>
    public Func<byte[], ReplayScript> EventStream { get; init; } = body => ReplayScript.EventStream(body);

    /// <summary>A base URL no server listens on.</summary>
    public Uri Unreachable { get; init; } = new("http://127.0.0.1:1/v1");
}

/// <summary>
/// Plants a recognizable key, makes the "provider" echo it back in every way providers do (whole, masked, in a URL),
/// and proves it reaches no error, result or exception text, while it does reach the wire where the dialect puts it.
/// </summary>
public static class KeyCanary
{
    public static async Task AssertKeyNeverLeaksAsync(ReplayServer server, KeyCanaryDialect dialect, string key)
    {
        var adapter = dialect.Adapter(server.Client);
        var texts = new List<string>();

        foreach (var (status, body) in dialect.Echoes(key))
        {
            var url = dialect.BaseUrl(server.Serve(ReplayScript.Json(status, Encoding.UTF8.GetBytes(body)), out var scenario));
            var call = dialect.Call(url, key);

            var result = await adapter.CompleteAsync(call, CancellationToken.None);
            dialect.AssertWire(server.Received(scenario)!, key);
            var opened = await adapter.OpenStreamAsync(call, CancellationToken.None);
            dialect.AssertWire(server.Received(scenario)!, key);

            Assert.NotNull(result.Error);
            texts.Add(result.Error.Message);
            texts.Add(result.ToString());
            texts.Add(opened.ToString());
            texts.Add(call.ToString());
        }

        var streamError = dialect.StreamError(key);
        var streamUrl = dialect.BaseUrl(server.Serve(dialect.EventStream(Encoding.UTF8.GetBytes(streamError))));
        texts.Add((await adapter.OpenStreamAsync(dialect.Call(streamUrl, key), CancellationToken.None)).ToString());

        var midStream = Encoding.UTF8.GetString(dialect.UnfinishedStream) + streamError;
        var midUrl = dialect.BaseUrl(server.Serve(dialect.EventStream(Encoding.UTF8.GetBytes(midStream)), out var midScenario));
        var open = await adapter.OpenStreamAsync(dialect.Call(midUrl, key), CancellationToken.None);
        await using (open.Stream!)
        {
            foreach (var e in await StreamCollector.ReadAllAsync(open.Stream!))
            {
                texts.Add(e.ToString());
            }
        }

        dialect.AssertWire(server.Received(midScenario)!, key);
        texts.Add((await adapter.CompleteAsync(dialect.Call(dialect.Unreachable, key), CancellationToken.None)).ToString());

        var hanging = dialect.BaseUrl(server.Serve(new ReplayScript { HeadersDelay = TimeSpan.FromSeconds(30) }));
        texts.Add((await adapter.CompleteAsync(dialect.Call(hanging, key) with { AttemptTimeout = TimeSpan.FromMilliseconds(100) }, CancellationToken.None)).ToString());
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => adapter.CompleteAsync(dialect.Call(hanging, key), caller.Token));
        texts.Add(cancelled.ToString());

        Assert.Contains(texts, t => t.Contains("mid-stream", StringComparison.Ordinal));
        foreach (var text in texts)
        {
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
            Assert.DoesNotContain(key[..8], text, StringComparison.Ordinal);
            Assert.DoesNotContain(key[^8..], text, StringComparison.Ordinal);
        }
    }
}
