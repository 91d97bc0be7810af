using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Junction.Server.Tests.Infrastructure;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;
using static Junction.Server.Tests.Infrastructure.TenantGatewayFixture;

namespace Junction.Server.Tests.Ingress;

public sealed class StreamingTests(TenantGatewayFixture fixture) : IClassFixture<TenantGatewayFixture>
{
    private static async Task<List<string>> ReadEventsAsync(HttpResponseMessage response)
    {
        var events = new List<string>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(line["data: ".Length..]);
            }
        }

        return events;
    }

    private static HttpRequestMessage StreamRequest(string body) =>
        new(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };

    [Fact]
    public async Task Stream_Success_SendsChunksFinishJunctionAndDone()
    {
        using var client = fixture.Gateway.CreateClient(GlobexKey);

        using var response = await client.SendAsync(StreamRequest(Chat("gpt-5", extra: ""","stream":true""")), HttpCompletionOption.ResponseHeadersRead);
        var events = await ReadEventsAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("gpt-5", response.Header("x-junction-model"));
        Assert.StartsWith("trc_", response.Header("x-junction-trace-id"));
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("gpt-5", c.GetProperty("model").GetString()));
        var text = string.Concat(chunks
            .Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("content", out _))
            .Select(d => d.GetProperty("content").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(text));
        var last = chunks[^1];
        Assert.Equal("stop", last.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("gpt-5", last.GetProperty("junction").GetProperty("model").GetString());
        Assert.True(last.GetProperty("junction").GetProperty("actual_cost").GetDouble() > 0);
        Assert.DoesNotContain(chunks, c => c.TryGetProperty("usage", out _));
    }

    [Fact]
    public async Task Stream_IncludeUsage_EndsWithUsageChunkCarryingJunction()
    {
        using var client = fixture.Gateway.CreateClient(GlobexKey);

        using var response = await client.SendAsync(
            StreamRequest(Chat("gpt-5", extra: ""","stream":true,"stream_options":{"include_usage":true}""")),
            HttpCompletionOption.ResponseHeadersRead);
        var events = await ReadEventsAsync(response);

        var last = JsonDocument.Parse(events[^2]).RootElement;
        Assert.Equal(0, last.GetProperty("choices").GetArrayLength());
        Assert.True(last.GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 0);
        Assert.Equal("gpt-5", last.GetProperty("junction").GetProperty("model").GetString());
    }

    private static bool HasText(string line) =>
        line.StartsWith("data: {", StringComparison.Ordinal)
        && JsonDocument.Parse(line["data: ".Length..]).RootElement is var chunk
        && chunk.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0
        && choices[0].GetProperty("delta").TryGetProperty("content", out var content)
        && content.GetString() is { Length: > 0 };

    [Fact]
    public async Task Stream_SlowUpstream_FirstChunkArrivesBeforeTheStreamEnds()
    {
        using var client = fixture.Gateway.CreateClient(GlobexKey);

        using var response = await client.SendAsync(StreamRequest(Chat(SlowModel, extra: ""","stream":true""")), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var clock = Stopwatch.StartNew();
        // The first chunk with text in it: the opening role chunk is sent with the headers and proves nothing.
        string? first;
        do
        {
            first = await reader.ReadLineAsync();
        }
        while (first is not null && !HasText(first));

        var firstAt = clock.Elapsed;
        var rest = await reader.ReadToEndAsync();
        var endAt = clock.Elapsed;

        // 20 tokens at 20 tokens/s take about a second upstream: the first chunk must not wait for the rest.
        Assert.NotNull(first);
        Assert.Contains("\"content\"", first);
        Assert.EndsWith("data: [DONE]\n\n", rest.Replace("\r", "", StringComparison.Ordinal));
        Assert.True(endAt - firstAt > TimeSpan.FromMilliseconds(400), $"first chunk at {firstAt}, end at {endAt}: the stream was buffered");
    }

    [Fact]
    public async Task Stream_CutAfterContent_EndsWithErrorChunkAndDoneWithoutFallback()
    {
        using var client = fixture.Gateway.CreateClient(GlobexKey);
        var policy = $$"""{"filter":["in","model",["{{CuttingModel}}","mistral-large-latest"]],"rank":"lowest_cost"}""";

        using var response = await client.SendAsync(
            StreamRequest(Chat("auto", extra: $$""","stream":true,"junction":{"policy":{{policy}}}""")),
            HttpCompletionOption.ResponseHeadersRead);
        var events = await ReadEventsAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CuttingModel, response.Header("x-junction-model"));
        Assert.Equal("[DONE]", events[^1]);
        var error = JsonDocument.Parse(events[^2]).RootElement.GetProperty("error");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Contains(events, e => e.Contains("\"content\"", StringComparison.Ordinal));

        using var traceResponse = await client.GetAsync($"/x/traces/{response.Header("x-junction-trace-id")}");
        var trace = await traceResponse.ReadJsonAsync();
        var attempts = trace.GetProperty("attempts");
        Assert.Equal(1, attempts.GetArrayLength());
        Assert.Equal(CuttingModel, attempts[0].GetProperty("model").GetString());
        Assert.NotEqual("ok", attempts[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Stream_FailureBeforeContent_FallsOverToTheNextModel()
    {
        using var client = fixture.Gateway.CreateClient(GlobexKey);
        var policy = $$"""{"filter":["in","model",["{{Failing500Model}}","gpt-4.1-mini"]],"rank":"lowest_cost"}""";

        using var response = await client.SendAsync(
            StreamRequest(Chat("auto", extra: $$""","stream":true,"junction":{"policy":{{policy}}}""")),
            HttpCompletionOption.ResponseHeadersRead);
        var events = await ReadEventsAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gpt-4.1-mini", response.Header("x-junction-model"));
        var last = JsonDocument.Parse(events[^2]).RootElement;
        Assert.Equal(2, last.GetProperty("junction").GetProperty("attempts").GetInt32());
    }
}
