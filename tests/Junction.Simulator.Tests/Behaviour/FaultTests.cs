using System.Net;
using Junction.Simulator.Tests.OpenAI;

namespace Junction.Simulator.Tests.Behaviour;

public sealed class FaultTests
{
    [Theory]
    [InlineData("status=429; retry_after=2", 429, "requests", "rate_limit_exceeded", "2")]
    [InlineData("status=429", 429, "requests", "rate_limit_exceeded", "1")]
    [InlineData("status=429; code=insufficient_quota", 429, "insufficient_quota", "insufficient_quota", null)]
    [InlineData("status=500", 500, "server_error", "server_error", null)]
    [InlineData("status=503", 503, "server_error", "server_error", null)]
    [InlineData("status=400; code=context_length_exceeded", 400, "invalid_request_error", "context_length_exceeded", null)]
    public async Task StatusFault_AnswersWithOpenAIError(string fault, int status, string type, string code, string? retryAfter)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        using var response = await client.SendAsync(TestSimulator.Chat(TestSimulator.Body(), fault));

        Assert.Equal(status, (int)response.StatusCode);
        var error = await ChatCompletionTests.ReadErrorAsync(response);
        Assert.Equal(type, (string)error["type"]!);
        Assert.Equal(code, (string)error["code"]!);
        Assert.False(string.IsNullOrEmpty((string)error["message"]!));
        Assert.Equal(retryAfter, response.Headers.TryGetValues("retry-after", out var values) ? values.Single() : null);
    }

    [Fact]
    public async Task StatusFault_OnStreamRequest_AnswersBeforeStreaming()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        using var response = await client.SendAsync(TestSimulator.Chat(TestSimulator.Body(stream: true), "status=503"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CutAfter_Stream_SendsThatManyDeltasThenBreaksWithoutDone()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var read = await TestSimulator.StreamAsync(client, TestSimulator.Chat(TestSimulator.Body(stream: true), "cut_after=5"));

        Assert.True(read.Broken);
        Assert.Equal(5, read.ContentDeltaCount());
        Assert.DoesNotContain("[DONE]", read.Events);
        Assert.All(read.Chunks(), chunk => Assert.Null(ChatCompletionStreamTests.Choice(chunk)["finish_reason"]));
    }

    [Fact]
    public async Task ErrorEventAfter_Stream_SendsErrorObjectInsideTheStreamThenEnds()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var read = await TestSimulator.StreamAsync(client, TestSimulator.Chat(TestSimulator.Body(stream: true), "error_event_after=3"));

        Assert.False(read.Broken);
        Assert.Equal(3, read.ContentDeltaCount());
        Assert.DoesNotContain("[DONE]", read.Events);
        var last = read.Chunks()[^1];
        Assert.Equal("server_error", (string)last["error"]!["type"]!);
        Assert.False(string.IsNullOrEmpty((string)last["error"]!["message"]!));
    }

    [Fact]
    public async Task Timeout_HeldRequest_DoesNotBlockDispose()
    {
        var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var pending = client.SendAsync(TestSimulator.Chat(TestSimulator.Body(), "timeout"));
        while (host.RequestCount == 0)
        {
            await Task.Delay(5);
        }

        await host.DisposeAsync();

        var thrown = await Record.ExceptionAsync(() => pending);
        Assert.True(thrown is HttpRequestException or IOException, $"Unexpected {thrown}");
    }

    [Fact]
    public async Task ModelFault_FromOptions_HitsOnlyThatModel()
    {
        await using var host = await TestSimulator.StartAsync(o =>
            o.Models["flaky"] = new ModelBehaviour { Fault = new FaultSpec { Status = 500 } });
        using var client = TestSimulator.Client(host);

        using var flaky = await client.SendAsync(TestSimulator.Chat(TestSimulator.Body(model: "flaky")));
        using var healthy = await client.SendAsync(TestSimulator.Chat(TestSimulator.Body(model: "steady")));

        Assert.Equal(HttpStatusCode.InternalServerError, flaky.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    [Fact]
    public async Task FaultHeader_None_OverridesModelFault()
    {
        await using var host = await TestSimulator.StartAsync(o => o.Default.Fault = new FaultSpec { Status = 503 });
        using var client = TestSimulator.Client(host);

        using var response = await client.SendAsync(TestSimulator.Chat(TestSimulator.Body(), "none"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task FaultHeader_OverridesModelFault()
    {
        await using var host = await TestSimulator.StartAsync(o => o.Default.Fault = new FaultSpec { Status = 503 });
        using var client = TestSimulator.Client(host);

        using var response = await client.SendAsync(TestSimulator.Chat(TestSimulator.Body(), "status=429"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task FaultRate_Zero_NeverHits()
    {
        await using var host = await TestSimulator.StartAsync(o => o.Seed = 7);
        using var client = TestSimulator.Client(host);

        using var response = await client.SendAsync(TestSimulator.Chat(TestSimulator.Body(), "status=500; rate=0"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task FaultHeader_Invalid_Returns400()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        using var response = await client.SendAsync(TestSimulator.Chat(TestSimulator.Body(), "status=429; explode"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("x-sim-fault", (string?)(await ChatCompletionTests.ReadErrorAsync(response))["param"]);
    }
}
