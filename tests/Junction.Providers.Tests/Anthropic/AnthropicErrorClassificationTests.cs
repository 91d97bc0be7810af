using Junction.Core.Fallback;
using Junction.Providers.Anthropic;
using Junction.Providers.Tests.Infrastructure;

namespace Junction.Providers.Tests.Anthropic;

public sealed class AnthropicErrorClassificationTests(ReplayServer server) : IClassFixture<ReplayServer>
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly AnthropicAdapter _adapter = new(server.Client, new FixedTimeProvider(Now));

    [Theory]
    [InlineData(400, "error_400_invalid_request.json", ErrorKind.ClientError)]
    [InlineData(400, "error_400_prompt_too_long.json", ErrorKind.ContextLength)]
    [InlineData(400, "error_400_context_limit.json", ErrorKind.ContextLength)]
    [InlineData(400, "error_400_credit_balance.json", ErrorKind.QuotaExhausted)]
    [InlineData(400, "error_400_usage_limits.json", ErrorKind.QuotaExhausted)]
    [InlineData(401, "error_401_authentication.json", ErrorKind.Auth)]
    [InlineData(402, "error_402_billing.json", ErrorKind.QuotaExhausted)]
    [InlineData(403, "error_403_permission.json", ErrorKind.Auth)]
    [InlineData(404, "error_404_not_found.json", ErrorKind.ClientError)]
    [InlineData(413, "error_413_request_too_large.json", ErrorKind.ContextLength)]
    [InlineData(429, "error_429_rate_limit.json", ErrorKind.RateLimited)]
    [InlineData(429, "error_429_spend_limit.json", ErrorKind.QuotaExhausted)]
    [InlineData(500, "error_500_api_error.json", ErrorKind.ServerError)]
    [InlineData(503, "error_500_api_error.json", ErrorKind.Overloaded)]
    [InlineData(529, "error_529_overloaded.json", ErrorKind.Overloaded)]
    public async Task CompleteAsync_RecordedErrorBody_ClassifiesKindAndKeepsStatus(int status, string payload, ErrorKind expected)
    {
        var url = server.Serve(ReplayScript.Json(status, AnthropicPayloads.Bytes(payload)));

        var result = await _adapter.CompleteAsync(AnthropicCalls.Call(url), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(expected, result.Error!.Kind);
        Assert.Equal(status, result.Error.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
    }

    [Theory]
    [InlineData(400, ErrorKind.ClientError)]
    [InlineData(408, ErrorKind.Timeout)]
    [InlineData(413, ErrorKind.ContextLength)]
    [InlineData(429, ErrorKind.RateLimited)]
    [InlineData(502, ErrorKind.ServerError)]
    [InlineData(503, ErrorKind.Overloaded)]
    [InlineData(529, ErrorKind.Overloaded)]
    public async Task CompleteAsync_BodyNotAnthropics_StatusDecides(int status, ErrorKind expected)
    {
        var url = server.Serve(ReplayScript.Json(status, "<html>upstream error</html>"u8.ToArray()));

        var result = await _adapter.CompleteAsync(AnthropicCalls.Call(url), CancellationToken.None);

        Assert.Equal(expected, result.Error!.Kind);
        Assert.Equal($"The provider answered HTTP {status}.", result.Error.Message);
    }

    [Fact]
    public async Task CompleteAsync_RateLimited_KeepsMessageAndRetryAfter()
    {
        var headers = new Dictionary<string, string> { ["retry-after"] = "17" };
        var url = server.Serve(ReplayScript.Json(429, AnthropicPayloads.Bytes("error_429_rate_limit.json"), headers));

        var error = (await _adapter.CompleteAsync(AnthropicCalls.Call(url), CancellationToken.None)).Error!;

        Assert.Equal(TimeSpan.FromSeconds(17), error.RetryAfter);
        Assert.StartsWith("This request would exceed the rate limit for your organization", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length <= 301);
    }

    [Fact]
    public async Task OpenStreamAsync_ErrorStatus_FailsToOpenWithTheSameClassification()
    {
        var url = server.Serve(ReplayScript.Json(529, AnthropicPayloads.Bytes("error_529_overloaded.json")));

        var result = await _adapter.OpenStreamAsync(AnthropicCalls.Call(url, stream: true), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.Overloaded, result.Error!.Kind);
        Assert.Equal(529, result.Error.Status);
    }

    [Fact]
    public async Task CompleteAsync_NothingListening_IsConnect()
    {
        var result = await _adapter.CompleteAsync(AnthropicCalls.Call(new Uri("http://127.0.0.1:1/v1")), CancellationToken.None);

        Assert.Equal(ErrorKind.Connect, result.Error!.Kind);
        Assert.Null(result.Error.Status);
    }
}
