using System.Text.Json.Nodes;

namespace Junction.Simulator.Tests.Gemini;

public sealed class GeminiFaultTests
{
    [Fact]
    public async Task Status429_AnswersResourceExhaustedWithPerMinuteQuotaAndRetryInfo()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();

        var (status, body, response) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, GeminiTestClient.Body(), model: "g", fault: "status=429; retry_after=2.5"));

        Assert.Equal(429, status);
        var error = body["error"]!;
        Assert.Equal(429, (int)error["code"]!);
        Assert.Equal("RESOURCE_EXHAUSTED", (string)error["status"]!);
        Assert.StartsWith("You exceeded your current quota", (string)error["message"]!, StringComparison.Ordinal);
        var details = error["details"]!.AsArray();
        Assert.Equal("type.googleapis.com/google.rpc.QuotaFailure", (string)details[0]!["@type"]!);
        Assert.Equal("GenerateRequestsPerMinutePerProjectPerModel", (string)details[0]!["violations"]![0]!["quotaId"]!);
        Assert.Equal("g", (string)details[0]!["violations"]![0]!["quotaDimensions"]!["model"]!);
        Assert.Equal("2.5s", (string)details[^1]!["retryDelay"]!);
        Assert.False(response.Headers.Contains("retry-after"));
    }

    [Fact]
    public async Task Status429_WithoutRetryAfter_SaysOneSecond()
    {
        await using var host = await TestSimulator.StartAsync(o => o.Default.Fault = new FaultSpec { Status = 429 });
        using var client = new HttpClient();

        var (_, body, _) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, GeminiTestClient.Body()));

        Assert.Equal("1s", (string)body["error"]!["details"]!.AsArray()[^1]!["retryDelay"]!);
    }

    [Fact]
    public async Task InsufficientQuota_AnswersAPerDayQuotaFailureWithoutRetryInfo()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();

        var (status, body, _) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, GeminiTestClient.Body(), fault: "status=429; code=insufficient_quota"));

        Assert.Equal(429, status);
        var details = body["error"]!["details"]!.AsArray();
        Assert.Equal("GenerateRequestsPerDayPerProjectPerModel", (string)details[0]!["violations"]![0]!["quotaId"]!);
        Assert.DoesNotContain(details, d => ((string)d!["@type"]!).EndsWith("RetryInfo", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("status=400; code=context_length_exceeded", 400, "INVALID_ARGUMENT", "exceeds the maximum number of tokens allowed (1048576).")]
    [InlineData("status=400", 400, "INVALID_ARGUMENT", "Request contains an invalid argument.")]
    [InlineData("status=400; code=API_KEY_INVALID", 400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.")]
    [InlineData("status=404", 404, "NOT_FOUND", "models/gemini-test is not found for API version v1beta")]
    [InlineData("status=500", 500, "INTERNAL", "An internal error has occurred.")]
    [InlineData("status=503", 503, "UNAVAILABLE", "The model is overloaded. Please try again later.")]
    [InlineData("status=504", 504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.")]
    [InlineData("status=503; type=RESOURCE_EXHAUSTED; message=Busy.", 503, "RESOURCE_EXHAUSTED", "Busy.")]
    [InlineData("error_event_after=3", 500, "INTERNAL", "An internal error has occurred.")]
    public async Task StatusFault_AnswersGooglesErrorShape(string fault, int expectedStatus, string statusName, string message)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();

        var (status, body, _) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, GeminiTestClient.Body(), fault: fault));

        Assert.Equal(expectedStatus, status);
        Assert.Equal(expectedStatus, (int)body["error"]!["code"]!);
        Assert.Equal(statusName, (string)body["error"]!["status"]!);
        Assert.Contains(message, (string)body["error"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamedStatusFault_IsAnErrorResponseBeforeAnyStream()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();

        var (status, body, response) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, GeminiTestClient.Body(), stream: true, fault: "status=503"));

        Assert.Equal(503, status);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("UNAVAILABLE", (string)body["error"]!["status"]!);
    }

    [Fact]
    public async Task ErrorEventAfter_SendsThatManyChunksThenAnErrorObjectAndEnds()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();

        var read = await TestSimulator.StreamAsync(client, GeminiTestClient.Generate(host, GeminiTestClient.Body(), stream: true, fault: "error_event_after=2"));

        Assert.False(read.Broken);
        var chunks = read.Chunks();
        Assert.Equal(3, chunks.Count);
        Assert.All(chunks.Take(2), chunk => Assert.Null(GeminiTestClient.Finish(chunk)));
        Assert.Equal(500, (int)chunks[2]["error"]!["code"]!);
        Assert.Equal("INTERNAL", (string)chunks[2]["error"]!["status"]!);
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(100, 24)]
    public async Task CutAfter_BreaksTheStreamAfterThatManyChunksNoneFinal(int cutAfter, int expectedChunks)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();

        var read = await TestSimulator.StreamAsync(client, GeminiTestClient.Generate(host, GeminiTestClient.Body(), stream: true, fault: $"cut_after={cutAfter}"));

        Assert.True(read.Broken);
        Assert.Equal(expectedChunks, read.Chunks().Count);
        Assert.All(read.Chunks(), chunk => Assert.Null(GeminiTestClient.Finish(chunk)));
    }

    [Fact]
    public async Task CutAfter_WholeResponse_SendsHalfTheBody()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();

        using var response = await client.SendAsync(GeminiTestClient.Generate(host, GeminiTestClient.Body(), fault: "cut_after=1"), HttpCompletionOption.ResponseHeadersRead);

        await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Drop_AbortsTheConnection()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(GeminiTestClient.Generate(host, GeminiTestClient.Body(), fault: "drop")));
    }

    [Fact]
    public async Task Timeout_NeverAnswers()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => client.SendAsync(GeminiTestClient.Generate(host, GeminiTestClient.Body(), fault: "timeout")));
    }

    [Fact]
    public async Task InvalidSimulatorHeader_AnswersInvalidArgumentNamingIt()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();
        using var request = GeminiTestClient.Generate(host, GeminiTestClient.Body());
        request.Headers.Add("x-sim-tps", "fast");

        var (status, body, _) = await GeminiTestClient.SendAsync(client, request);

        Assert.Equal(400, status);
        Assert.Contains("x-sim-tps", (string)body["error"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pacing_TtftHeaderAndTokenRate_FollowTheClock()
    {
        var time = new ManualTimeProvider();
        await using var host = await TestSimulator.StartAsync(o => o.Default.OutputTokens = 2, time);
        using var client = new HttpClient();
        using var request = GeminiTestClient.Generate(host, GeminiTestClient.Body(), stream: true);
        request.Headers.Add("x-sim-ttft-ms", "1000");
        request.Headers.Add("x-sim-tps", "10");

        var sending = client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await time.WaitForTimerAsync();
        time.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(50);
        Assert.False(sending.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await sending;

        // Token 0 goes with the headers; token 1 is due 100 ms later.
        var reading = TestSimulator.ReadEventsAsync(response);
        await time.WaitForTimerAsync();
        Assert.False(reading.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(2, (await reading).Chunks().Count);
    }
}
