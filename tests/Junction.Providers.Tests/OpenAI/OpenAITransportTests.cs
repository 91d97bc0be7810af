using System.Net;
using System.Net.Sockets;
using Junction.Core.Fallback;
using Junction.Providers.Abstractions;
using Junction.Providers.OpenAI;
using Junction.Providers.Tests.Infrastructure;

namespace Junction.Providers.Tests.OpenAI;

public sealed class OpenAITransportTests(ReplayServer server) : IClassFixture<ReplayServer>
{
    private static readonly TimeSpan Never = TimeSpan.FromSeconds(30);

    private readonly OpenAICompatibleAdapter _adapter = new(server.Client);

    [Fact]
    public async Task CompleteAsync_NothingListening_FailsAsConnect()
    {
        var result = await _adapter.CompleteAsync(TestCalls.Call(ClosedPortUrl()), CancellationToken.None);

        Assert.Equal(ErrorKind.Connect, result.Error!.Kind);
        Assert.Null(result.Error.Status);
    }

    [Fact]
    public async Task OpenStreamAsync_NothingListening_FailsAsConnect()
    {
        var result = await _adapter.OpenStreamAsync(TestCalls.Call(ClosedPortUrl(), stream: true), CancellationToken.None);

        Assert.Equal(ErrorKind.Connect, result.Error!.Kind);
    }

    [Fact]
    public async Task CompleteAsync_NoAnswerWithinAttemptTimeout_FailsAsTimeout()
    {
        var url = server.Serve(new ReplayScript { HeadersDelay = Never }, out var scenario);

        var result = await _adapter.CompleteAsync(TestCalls.Call(url, attemptTimeout: TimeSpan.FromMilliseconds(200)), CancellationToken.None);

        Assert.Equal(ErrorKind.Timeout, result.Error!.Kind);
        Assert.True(await server.WhenFinished(scenario).WaitAsync(TimeSpan.FromSeconds(10)), "The timed-out request was not aborted upstream.");
    }

    [Fact]
    public async Task CompleteAsync_BodyStallsPastAttemptTimeout_FailsAsTimeout()
    {
        var script = new ReplayScript { Steps = [ReplayStep.Write("{\"id\":"u8.ToArray()), ReplayStep.Wait(Never)] };
        var url = server.Serve(script);

        var result = await _adapter.CompleteAsync(TestCalls.Call(url, attemptTimeout: TimeSpan.FromMilliseconds(200)), CancellationToken.None);

        Assert.Equal(ErrorKind.Timeout, result.Error!.Kind);
    }

    [Fact]
    public async Task CompleteAsync_HttpClientTimeoutFires_FailsAsTimeout()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };
        var adapter = new OpenAICompatibleAdapter(client);
        var url = server.Serve(new ReplayScript { HeadersDelay = Never });

        var result = await adapter.CompleteAsync(TestCalls.Call(url), CancellationToken.None);

        Assert.Equal(ErrorKind.Timeout, result.Error!.Kind);
    }

    [Fact]
    public async Task CompleteAsync_CallerCancels_ThrowsOperationCanceled()
    {
        var url = server.Serve(new ReplayScript { HeadersDelay = Never }, out var scenario);
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _adapter.CompleteAsync(TestCalls.Call(url, attemptTimeout: Never), caller.Token));
        Assert.True(await server.WhenFinished(scenario).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task OpenStreamAsync_NoFirstEventWithinAttemptTimeout_FailsToOpenAsTimeout()
    {
        // Headers arrive at once; the first token never does.
        var script = new ReplayScript { ContentType = "text/event-stream", Steps = [ReplayStep.Write(": connected\n\n"u8.ToArray()), ReplayStep.Wait(Never)] };
        var url = server.Serve(script);

        var result = await _adapter.OpenStreamAsync(TestCalls.Call(url, stream: true, attemptTimeout: TimeSpan.FromMilliseconds(300)), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.Timeout, result.Error!.Kind);
    }

    [Fact]
    public async Task OpenStreamAsync_PauseAfterFirstEvent_IsNotCutByTheAttemptTimeout()
    {
        var recorded = Payloads.Bytes("stream_text_include_usage.sse");
        var firstTwo = System.Text.Encoding.UTF8.GetString(recorded).IndexOf("\n\ndata:", 400, StringComparison.Ordinal) + 2;
        var script = new ReplayScript
        {
            ContentType = "text/event-stream",
            Steps = [ReplayStep.Write(recorded[..firstTwo]), ReplayStep.Wait(TimeSpan.FromMilliseconds(1500)), ReplayStep.Write(recorded[firstTwo..])],
        };
        var url = server.Serve(script);

        var result = await _adapter.OpenStreamAsync(TestCalls.Call(url, stream: true, attemptTimeout: TimeSpan.FromMilliseconds(750)), CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.Message);
        await using var stream = result.Stream!;
        var events = await StreamCollector.ReadAllAsync(stream);

        Assert.DoesNotContain(events, e => e.Kind == StreamEventKind.Error);
        Assert.Equal(StreamEventKind.Usage, events[^1].Kind);
    }

    [Fact]
    public async Task OpenStreamAsync_CallerCancelsBeforeFirstEvent_ThrowsOperationCanceled()
    {
        var url = server.Serve(new ReplayScript { ContentType = "text/event-stream", Steps = [ReplayStep.Wait(Never)] });
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _adapter.OpenStreamAsync(TestCalls.Call(url, stream: true), caller.Token));
    }

    [Fact]
    public async Task ReadAllAsync_CallerCancelsMidStream_ThrowsOperationCanceled()
    {
        var first = Payloads.Bytes("stream_ends_without_done.sse");
        var url = server.Serve(ReplayScript.EventStream(first, ReplayStep.Wait(Never)), out var scenario);
        var result = await _adapter.OpenStreamAsync(TestCalls.Call(url, stream: true), CancellationToken.None);
        await using var stream = result.Stream!;
        using var caller = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in stream.ReadAllAsync(caller.Token))
            {
                Assert.Equal(StreamEventKind.TextDelta, e.Kind);
                await caller.CancelAsync();
            }
        });
    }

    private static Uri ClosedPortUrl()
    {
        // Bind, learn the port, release it: nothing listens there afterwards.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/v1");
    }
}
