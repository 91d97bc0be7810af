using Junction.Simulator.Tests.Anthropic;

namespace Junction.Simulator.Tests.Pipeline;

/// <summary>Faults the shared pipeline answers alike in the OpenAI and Anthropic dialects: a drop, a cut whole body, a held request.</summary>
public sealed class DialectFaultTests
{
    [Theory]
    [InlineData("openai", false)]
    [InlineData("openai", true)]
    [InlineData("anthropic", false)]
    [InlineData("anthropic", true)]
    public async Task Drop_AbortsWithoutResponse(string dialect, bool stream)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var thrown = await Record.ExceptionAsync(() => client.SendAsync(Request(dialect, stream, "drop")));

        Assert.True(thrown is HttpRequestException or IOException, $"Unexpected {thrown}");
        Assert.Equal(1, host.RequestCount);
    }

    [Theory]
    [InlineData("openai", 5)]
    [InlineData("anthropic", 1)]
    public async Task CutAfter_WholeResponse_BreaksMidBody(string dialect, int cutAfter)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var thrown = await Record.ExceptionAsync(async () =>
        {
            using var response = await client.SendAsync(Request(dialect, stream: false, $"cut_after={cutAfter}"));
            await response.Content.ReadAsStringAsync();
        });

        Assert.True(thrown is HttpRequestException or IOException, $"Unexpected {thrown}");
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task Timeout_NeverAnswers_ClientTimeoutFires(string dialect)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host, timeout: TimeSpan.FromMilliseconds(300));

        var thrown = await Record.ExceptionAsync(() => client.SendAsync(Request(dialect, stream: false, "timeout")));

        Assert.IsType<TaskCanceledException>(thrown);
        Assert.Equal(1, host.RequestCount);
    }

    private static HttpRequestMessage Request(string dialect, bool stream, string fault) => dialect switch
    {
        "openai" => TestSimulator.Chat(TestSimulator.Body(stream: stream), fault),
        "anthropic" => AnthropicRequests.Messages(AnthropicRequests.Body(stream: stream), fault),
        _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "Not a dialect these tests know."),
    };
}
