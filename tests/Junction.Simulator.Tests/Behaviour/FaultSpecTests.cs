namespace Junction.Simulator.Tests.Behaviour;

public sealed class FaultSpecTests
{
    [Fact]
    public void Parse_StatusWithRetryAfter_ReadsBoth()
    {
        var spec = FaultSpec.Parse("status=429; retry_after=2.5")!;

        Assert.Equal(429, spec.Status);
        Assert.Equal(2.5, spec.RetryAfterSeconds);
    }

    [Theory]
    [InlineData("timeout")]
    [InlineData("drop")]
    [InlineData("cut_after=5")]
    [InlineData("error_event_after=0")]
    [InlineData("  STATUS = 503 ; rate = 0.5 ")]
    public void TryParse_ValidText_Succeeds(string text)
    {
        Assert.True(FaultSpec.TryParse(text, out var spec, out var error), error);
        Assert.NotNull(spec);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("")]
    public void Parse_None_GivesNull(string text) => Assert.Null(FaultSpec.Parse(text));

    [Theory]
    [InlineData("status=200")]
    [InlineData("status=abc")]
    [InlineData("status=500; timeout")]
    [InlineData("retry_after=2")]
    [InlineData("cut_after=-1")]
    [InlineData("status=500; rate=2")]
    [InlineData("explode")]
    public void TryParse_InvalidText_FailsWithReason(string text)
    {
        Assert.False(FaultSpec.TryParse(text, out var spec, out var error));
        Assert.Null(spec);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public async Task StartAsync_InvalidFaultInOptions_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            SimulatorHost.StartAsync(new SimulatorOptions { Default = { Fault = new FaultSpec { Status = 500, Drop = true } } }));
    }
}
