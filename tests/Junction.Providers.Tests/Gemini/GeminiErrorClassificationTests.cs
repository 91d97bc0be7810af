using System.Text;
using Junction.Core.Fallback;
using Junction.Providers.Gemini;
using Junction.Providers.Tests.Infrastructure;

namespace Junction.Providers.Tests.Gemini;

public sealed class GeminiErrorClassificationTests(ReplayServer server) : IClassFixture<ReplayServer>
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly GeminiAdapter _adapter = new(server.Client, new FixedTimeProvider(Now));

    [Theory]
    [InlineData(429, "error_429_rate_limit.json", ErrorKind.RateLimited)]
    [InlineData(429, "error_429_plain.json", ErrorKind.RateLimited)]
    [InlineData(429, "error_429_daily_quota.json", ErrorKind.QuotaExhausted)]
    [InlineData(429, "error_429_no_free_tier.json", ErrorKind.QuotaExhausted)]
    [InlineData(429, "error_429_prepayment_depleted.json", ErrorKind.QuotaExhausted)]
    [InlineData(503, "error_503_unavailable.json", ErrorKind.Overloaded)]
    [InlineData(500, "error_500_internal.json", ErrorKind.ServerError)]
    [InlineData(502, "error_500_internal.json", ErrorKind.ServerError)]
    [InlineData(504, "error_504_deadline_exceeded.json", ErrorKind.Timeout)]
    [InlineData(400, "error_400_token_limit.json", ErrorKind.ContextLength)]
    [InlineData(400, "error_400_invalid_argument.json", ErrorKind.ClientError)]
    [InlineData(400, "error_400_location_unsupported.json", ErrorKind.ClientError)]
    [InlineData(400, "error_400_api_key_invalid.json", ErrorKind.Auth)]
    [InlineData(401, "error_403_permission_denied.json", ErrorKind.Auth)]
    [InlineData(403, "error_403_permission_denied.json", ErrorKind.Auth)]
    [InlineData(404, "error_404_not_found.json", ErrorKind.ClientError)]
    public async Task CompleteAsync_RecordedErrorBody_ClassifiesKindAndKeepsStatus(int status, string payload, ErrorKind expected)
    {
        var url = GeminiTestData.Serve(server, ReplayScript.Json(status, GeminiTestData.Bytes(payload)));

        var result = await _adapter.CompleteAsync(GeminiTestData.Call(url), CancellationToken.None);

        Assert.Equal(expected, result.Error!.Kind);
        Assert.Equal(status, result.Error.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
    }

    [Fact]
    public async Task CompleteAsync_RateLimit_TakesRetryInfoDelayAndDropsUrlQueries()
    {
        var url = GeminiTestData.Serve(server, ReplayScript.Json(429, GeminiTestData.Bytes("error_429_rate_limit.json")));

        var error = (await _adapter.CompleteAsync(GeminiTestData.Call(url), CancellationToken.None)).Error!;

        Assert.Equal(TimeSpan.FromSeconds(17), error.RetryAfter);
        Assert.StartsWith("You exceeded your current quota", error.Message, StringComparison.Ordinal);
        Assert.Contains("head to: https://ai.dev/usage ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tab=rate-limit", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_RetryAfterHeader_WinsOverRetryInfo()
    {
        var url = GeminiTestData.Serve(server, ReplayScript.Json(429, GeminiTestData.Bytes("error_429_rate_limit.json"), new() { ["Retry-After"] = "3" }));

        var error = (await _adapter.CompleteAsync(GeminiTestData.Call(url), CancellationToken.None)).Error!;

        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
    }

    [Fact]
    public async Task CompleteAsync_DailyQuota_KeepsTheRetryHintButCannotFallOver()
    {
        var url = GeminiTestData.Serve(server, ReplayScript.Json(429, GeminiTestData.Bytes("error_429_daily_quota.json")));

        var error = (await _adapter.CompleteAsync(GeminiTestData.Call(url), CancellationToken.None)).Error!;

        Assert.Equal(ErrorKind.QuotaExhausted, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(41.5), error.RetryAfter);
    }

    [Fact]
    public async Task CompleteAsync_ErrorWrappedInAnArray_IsRead()
    {
        var body = "[" + GeminiTestData.Text("error_400_token_limit.json") + "]";
        var url = GeminiTestData.Serve(server, ReplayScript.Json(400, Encoding.UTF8.GetBytes(body)));

        var error = (await _adapter.CompleteAsync(GeminiTestData.Call(url), CancellationToken.None)).Error!;

        Assert.Equal(ErrorKind.ContextLength, error.Kind);
        Assert.Equal("The input token count (1201847) exceeds the maximum number of tokens allowed (1048576).", error.Message);
    }

    [Fact]
    public async Task CompleteAsync_NonJsonGatewayPage_ClassifiesByStatusWithGenericMessage()
    {
        var url = GeminiTestData.Serve(server, ReplayScript.Json(503, "<html><body>Service Unavailable</body></html>"u8.ToArray()));

        var error = (await _adapter.CompleteAsync(GeminiTestData.Call(url), CancellationToken.None)).Error!;

        Assert.Equal(ErrorKind.Overloaded, error.Kind);
        Assert.Equal("The provider answered HTTP 503.", error.Message);
    }

    [Theory]
    [InlineData("""{"error":{"code":429,"message":"Resource exhausted.","status":"RESOURCE_EXHAUSTED"}}""", ErrorKind.RateLimited)]
    [InlineData("""{"error":{"message":"Deadline expired.","status":"DEADLINE_EXCEEDED"}}""", ErrorKind.Timeout)]
    [InlineData("""{"error":{"message":"The input token count (2000000) exceeds the maximum number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}}""", ErrorKind.ContextLength)]
    [InlineData("""{"error":{"message":"Something odd.","status":"UNKNOWN"}}""", ErrorKind.ServerError)]
    public void FromStreamError_CodeOrStatus_DecidesTheKind(string json, ErrorKind expected)
    {
        var error = GeminiErrorClassifier.FromStreamError(GeminiErrorBody.Parse(Encoding.UTF8.GetBytes(json)), null);

        Assert.Equal(expected, error.Kind);
        Assert.Null(error.Status);
    }

    [Theory]
    [InlineData("17s", 17_000d)]
    [InlineData("0.5s", 500d)]
    [InlineData("52.849923s", 52_849.923)]
    [InlineData("17", null)]
    [InlineData("-1s", null)]
    [InlineData("soon", null)]
    public void ParseDuration_ProtobufDuration_ReadsSeconds(string text, double? expectedMs)
    {
        var parsed = GeminiErrorBody.ParseDuration(text);

        if (expectedMs is { } ms)
        {
            Assert.Equal(ms, parsed!.Value.TotalMilliseconds, precision: 3);
        }
        else
        {
            Assert.Null(parsed);
        }
    }
}
