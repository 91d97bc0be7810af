using Junction.Core.Fallback;
using Junction.Providers.OpenAI;
using Junction.Providers.Tests.Infrastructure;

namespace Junction.Providers.Tests.OpenAI;

public sealed class OpenAIErrorClassificationTests(ReplayServer server) : IClassFixture<ReplayServer>
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly OpenAICompatibleAdapter _adapter = new(server.Client, new FixedTimeProvider(Now));

    [Theory]
    [InlineData(429, "error_429_rate_limit.json", "openai", ErrorKind.RateLimited)]
    [InlineData(429, "error_429_insufficient_quota.json", "openai", ErrorKind.QuotaExhausted)]
    [InlineData(400, "error_400_context_length.json", "openai", ErrorKind.ContextLength)]
    [InlineData(400, "error_400_invalid_request.json", "openai", ErrorKind.ClientError)]
    [InlineData(401, "error_401_invalid_key.json", "openai", ErrorKind.Auth)]
    [InlineData(403, "error_401_invalid_key.json", "openai", ErrorKind.Auth)]
    [InlineData(404, "error_400_invalid_request.json", "openai", ErrorKind.ClientError)]
    [InlineData(408, "error_500_server.json", "openai", ErrorKind.Timeout)]
    [InlineData(500, "error_500_server.json", "openai", ErrorKind.ServerError)]
    [InlineData(502, "error_500_server.json", "openai", ErrorKind.ServerError)]
    [InlineData(503, "error_503_overloaded.json", "openai", ErrorKind.Overloaded)]
    [InlineData(529, "error_503_overloaded.json", "openai", ErrorKind.Overloaded)]
    [InlineData(422, "mistral_error_422.json", "mistral", ErrorKind.ClientError)]
    [InlineData(402, "deepseek_error_402.json", "deepseek", ErrorKind.QuotaExhausted)]
    [InlineData(400, "deepseek_error_400_context.json", "deepseek", ErrorKind.ContextLength)]
    public async Task CompleteAsync_RecordedErrorBody_ClassifiesKindAndKeepsStatus(int status, string payload, string provider, ErrorKind expected)
    {
        var url = server.Serve(ReplayScript.Json(status, Payloads.Bytes(payload)));

        var result = await _adapter.CompleteAsync(TestCalls.Call(url, provider: provider), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(expected, result.Error!.Kind);
        Assert.Equal(status, result.Error.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
    }

    [Fact]
    public async Task CompleteAsync_RateLimit_KeepsTheProviderMessage()
    {
        var url = server.Serve(ReplayScript.Json(429, Payloads.Bytes("error_429_rate_limit.json")));

        var error = (await _adapter.CompleteAsync(TestCalls.Call(url), CancellationToken.None)).Error!;

        Assert.StartsWith("Rate limit reached for gpt-4o-mini", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_NonJsonGatewayPage_ClassifiesByStatusWithGenericMessage()
    {
        var url = server.Serve(ReplayScript.Json(502, "<html><body>502 Bad Gateway</body></html>"u8.ToArray()));

        var error = (await _adapter.CompleteAsync(TestCalls.Call(url), CancellationToken.None)).Error!;

        Assert.Equal(ErrorKind.ServerError, error.Kind);
        Assert.Equal("The provider answered HTTP 502.", error.Message);
    }

    [Theory]
    [InlineData("retry-after", "2", 2000)]
    [InlineData("retry-after", "1.5", 1500)]
    [InlineData("retry-after-ms", "250", 250)]
    [InlineData("retry-after", "Sun, 01 Jun 2025 12:00:30 GMT", 30_000)]
    [InlineData("retry-after", "Sun, 01 Jun 2025 11:59:00 GMT", 0)]
    public async Task CompleteAsync_RetryAfterHeader_SetsRetryAfter(string header, string value, int expectedMs)
    {
        var headers = new Dictionary<string, string> { [header] = value };
        var url = server.Serve(ReplayScript.Json(429, Payloads.Bytes("error_429_rate_limit.json"), headers));

        var error = (await _adapter.CompleteAsync(TestCalls.Call(url), CancellationToken.None)).Error!;

        Assert.Equal(ErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), error.RetryAfter);
    }

    [Fact]
    public async Task CompleteAsync_BothRetryHeaders_PrefersMilliseconds()
    {
        var headers = new Dictionary<string, string> { ["retry-after"] = "3", ["retry-after-ms"] = "2750" };
        var url = server.Serve(ReplayScript.Json(503, Payloads.Bytes("error_503_overloaded.json"), headers));

        var error = (await _adapter.CompleteAsync(TestCalls.Call(url), CancellationToken.None)).Error!;

        Assert.Equal(ErrorKind.Overloaded, error.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(2750), error.RetryAfter);
    }

    [Fact]
    public async Task CompleteAsync_NoRetryHeader_LeavesRetryAfterNull()
    {
        var url = server.Serve(ReplayScript.Json(429, Payloads.Bytes("error_429_rate_limit.json")));

        var error = (await _adapter.CompleteAsync(TestCalls.Call(url), CancellationToken.None)).Error!;

        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public async Task OpenStreamAsync_ErrorStatus_FailsToOpenWithClassifiedError()
    {
        var headers = new Dictionary<string, string> { ["retry-after"] = "7" };
        var url = server.Serve(ReplayScript.Json(429, Payloads.Bytes("error_429_insufficient_quota.json"), headers));

        var result = await _adapter.OpenStreamAsync(TestCalls.Call(url, stream: true), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.QuotaExhausted, result.Error!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), result.Error.RetryAfter);
    }
}
