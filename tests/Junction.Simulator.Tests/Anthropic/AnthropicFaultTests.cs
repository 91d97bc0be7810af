using System.Net;

namespace Junction.Simulator.Tests.Anthropic;

public sealed class AnthropicFaultTests
{
    [Theory]
    [InlineData("status=429; retry_after=2", 429, "rate_limit_error", "2")]
    [InlineData("status=429", 429, "rate_limit_error", "1")]
    [InlineData("status=429; code=insufficient_quota", 429, "billing_error", null)]
    [InlineData("status=400; code=insufficient_quota", 400, "invalid_request_error", null)]
    [InlineData("status=400; code=context_length_exceeded", 400, "invalid_request_error", null)]
    [InlineData("status=401", 401, "authentication_error", null)]
    [InlineData("status=403", 403, "permission_error", null)]
    [InlineData("status=404", 404, "not_found_error", null)]
    [InlineData("status=413", 413, "request_too_large", null)]
    [InlineData("status=500", 500, "api_error", null)]
    [InlineData("status=502", 502, "api_error", null)]
    [InlineData("status=503", 503, "overloaded_error", null)]
    [InlineData("status=529", 529, "overloaded_error", null)]
    [InlineData("status=529; type=api_error; message=Custom words", 529, "api_error", null)]
    public async Task StatusFault_AnswersWithAnthropicError(string fault, int status, string type, string? retryAfter)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        using var response = await client.SendAsync(AnthropicRequests.Messages(AnthropicRequests.Body(), fault));

        Assert.Equal(status, (int)response.StatusCode);
        var error = await AnthropicRequests.ReadErrorAsync(response);
        Assert.Equal(type, (string)error["type"]!);
        Assert.False(string.IsNullOrEmpty((string)error["message"]!));
        Assert.Equal(retryAfter, response.Headers.TryGetValues("retry-after", out var values) ? values.Single() : null);
    }

    [Theory]
    [InlineData("status=400; code=context_length_exceeded", "prompt is too long: ")]
    [InlineData("status=429; code=insufficient_quota", "Your credit balance is too low")]
    [InlineData("status=529", "Overloaded")]
    [InlineData("status=529; message=Custom words", "Custom words")]
    public async Task StatusFault_MessageSaysWhatAnthropicSays(string fault, string message)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        using var response = await client.SendAsync(AnthropicRequests.Messages(AnthropicRequests.Body(), fault));

        Assert.StartsWith(message, (string)(await AnthropicRequests.ReadErrorAsync(response))["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusFault_OnStreamRequest_AnswersBeforeStreaming()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        using var response = await client.SendAsync(AnthropicRequests.Messages(AnthropicRequests.Body(stream: true), "status=529"));

        Assert.Equal(529, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ErrorEventAfter_Stream_SendsOverloadedErrorEventInsideTheStreamThenEnds()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var read = await AnthropicRequests.StreamAsync(client, AnthropicRequests.Messages(AnthropicRequests.Body(stream: true), "error_event_after=3"));

        Assert.False(read.Broken);
        Assert.Equal(["message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta", "content_block_delta", "error"], read.Names());
        var error = read.Single("error")["error"]!;
        Assert.Equal("overloaded_error", (string)error["type"]!);
        Assert.Equal("Overloaded", (string)error["message"]!);
    }

    [Fact]
    public async Task ErrorEventAfter_WholeResponse_AnswersWithTheOverloadedStatus()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        using var response = await client.SendAsync(AnthropicRequests.Messages(AnthropicRequests.Body(), "error_event_after=3"));

        Assert.Equal(529, (int)response.StatusCode);
        Assert.Equal("overloaded_error", (string)(await AnthropicRequests.ReadErrorAsync(response))["type"]!);
    }

    [Fact]
    public async Task CutAfter_Stream_SendsThatManyDeltasThenBreaksWithoutMessageStop()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var read = await AnthropicRequests.StreamAsync(client, AnthropicRequests.Messages(AnthropicRequests.Body(stream: true), "cut_after=4"));

        Assert.True(read.Broken);
        Assert.Equal(4, read.DeltaCount());
        Assert.DoesNotContain("message_stop", read.Names());
    }

    [Fact]
    public async Task ModelFault_FromOptions_HitsThatModelInThisDialectToo()
    {
        await using var host = await TestSimulator.StartAsync(o => o.Models["claude-flaky"] = new ModelBehaviour { Fault = new FaultSpec { Status = 529 } });
        using var client = TestSimulator.Client(host);

        using var flaky = await client.SendAsync(AnthropicRequests.Messages(AnthropicRequests.Body(model: "claude-flaky")));
        using var fine = await client.SendAsync(AnthropicRequests.Messages(AnthropicRequests.Body(model: "claude-fine")));

        Assert.Equal(529, (int)flaky.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }
}
