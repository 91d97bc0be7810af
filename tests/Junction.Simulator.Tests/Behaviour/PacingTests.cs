using System.Diagnostics;

namespace Junction.Simulator.Tests.Behaviour;

public sealed class PacingTests
{
    [Fact]
    public async Task Stream_Ttft_HoldsFirstChunkUntilClockReachesIt()
    {
        var time = new ManualTimeProvider();
        await using var host = await TestSimulator.StartAsync(o => o.Default.TtftMs = 1_000, time);
        using var client = TestSimulator.Client(host);

        var sending = client.SendAsync(TestSimulator.Chat(TestSimulator.Body(stream: true)), HttpCompletionOption.ResponseHeadersRead);
        await time.WaitForTimerAsync();
        time.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(50);
        Assert.False(sending.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await sending;
        var read = await TestSimulator.ReadEventsAsync(response);

        Assert.Equal("[DONE]", read.Events[^1]);
        Assert.Equal(24, read.ContentDeltaCount());
    }

    [Fact]
    public async Task Stream_TokensPerSecond_WaitsForTheClockBetweenTokens()
    {
        var time = new ManualTimeProvider();
        await using var host = await TestSimulator.StartAsync(o =>
        {
            o.Default.OutputTokens = 3;
            o.Default.TokensPerSecond = 10;
        }, time);
        using var client = TestSimulator.Client(host);

        using var response = await client.SendAsync(TestSimulator.Chat(TestSimulator.Body(stream: true)), HttpCompletionOption.ResponseHeadersRead);
        var reading = TestSimulator.ReadEventsAsync(response);
        // Token 0 goes at once; tokens 1 and 2 are due 100 ms and 200 ms later.
        await time.WaitForTimerAsync();
        Assert.False(reading.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(100));
        await time.WaitForTimerAsync();
        Assert.False(reading.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(100));

        var read = await reading;
        Assert.Equal(3, read.ContentDeltaCount());
    }

    [Fact]
    public async Task Post_Latency_HoldsResponseUntilClockReachesIt()
    {
        var time = new ManualTimeProvider();
        await using var host = await TestSimulator.StartAsync(o => o.Default.LatencyMs = 2_000, time);
        using var client = TestSimulator.Client(host);

        var sending = client.SendAsync(TestSimulator.Chat(TestSimulator.Body()));
        await time.WaitForTimerAsync();
        await Task.Delay(50);
        Assert.False(sending.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(2));
        using var response = await sending;
        Assert.True(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Stream_TtftHeader_RealClock_FirstChunkNotBeforeTtft()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var request = TestSimulator.Chat(TestSimulator.Body(stream: true));
        request.Headers.Add("x-sim-ttft-ms", "150");

        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var firstLine = await reader.ReadLineAsync();
        var elapsed = clock.Elapsed;

        Assert.StartsWith("data: ", firstLine, StringComparison.Ordinal);
        // Only a lower bound: a slow machine may take longer, never shorter.
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(140), $"First chunk after {elapsed.TotalMilliseconds} ms");
    }
}
