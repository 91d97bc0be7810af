using Microsoft.Extensions.Configuration;

namespace Junction.Simulator.Tests;

public sealed class SimulatorOptionsTests
{
    [Fact]
    public void BindOptions_SectionAndCommandLine_FillEveryMember()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Simulator:Host"] = "127.0.0.1",
                ["Simulator:RequiredApiKey"] = "sk-sim",
                ["Simulator:Seed"] = "42",
                ["Simulator:Default:LatencyMs"] = "20",
                ["Simulator:Default:TokensPerSecond"] = "50.5",
                ["Simulator:Models:sim-flaky:Fault"] = "status=429; retry_after=3",
                ["Simulator:Models:sim-slow:TtftMs"] = "800",
                ["Simulator:Models:sim-slow:Fault:CutAfter"] = "4",
            })
            .AddCommandLine(["--port", "9100"])
            .Build();

        var options = SimulatorApp.BindOptions(configuration);

        Assert.Equal(9100, options.Port);
        Assert.Equal("sk-sim", options.RequiredApiKey);
        Assert.Equal(42, options.Seed);
        Assert.Equal(20, options.Default.LatencyMs);
        Assert.Equal(50.5, options.Default.TokensPerSecond);
        Assert.Equal(24, options.Default.OutputTokens);
        Assert.Equal(429, options.Models["sim-flaky"].Fault!.Status);
        Assert.Equal(3, options.Models["sim-flaky"].Fault!.RetryAfterSeconds);
        Assert.Equal(800, options.Models["sim-slow"].TtftMs);
        Assert.Equal(4, options.Models["sim-slow"].Fault!.CutAfter);
    }

    [Fact]
    public async Task StartAsync_PortZero_BindsLoopbackEphemeralPort()
    {
        await using var host = await TestSimulator.StartAsync();

        Assert.NotEqual(0, host.Port);
        Assert.Equal("127.0.0.1", host.BaseUrl.Host);
        Assert.Equal("/v1", host.BaseUrl.AbsolutePath);
        using var client = TestSimulator.Client(host);
        Assert.Equal("ok", await client.GetStringAsync(new Uri($"http://127.0.0.1:{host.Port}/healthz")));
    }
}
