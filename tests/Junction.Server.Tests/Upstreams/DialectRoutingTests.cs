using System.Net;
using System.Text.Json;
using Junction.Server.Tests.Infrastructure;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Upstreams;

public sealed class DialectRoutingTests(LocalGatewayFixture fixture) : IClassFixture<LocalGatewayFixture>
{
    public static TheoryData<string> Providers() => new(LocalGatewayFixture.ModelByProvider.Keys);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Post_ModelOfEachProvider_CompletesThroughItsDialectStreamedAndNotAtTheSameCost(string provider)
    {
        var model = LocalGatewayFixture.ModelByProvider[provider];
        using var client = fixture.Gateway.CreateClient(LocalGatewayFixture.LocalKey);

        using var whole = await client.PostJsonAsync("/v1/chat/completions", Chat(model));
        var body = await whole.ReadJsonAsync();
        using var streamed = await client.PostJsonAsync("/v1/chat/completions", Chat(model, extra: ""","stream":true,"stream_options":{"include_usage":true}"""));
        var events = await ReadDataEventsAsync(streamed);

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(model, whole.Header("x-junction-model"));
        Assert.Equal(provider, whole.Header("x-junction-provider"));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()));
        var wholeCost = body.GetProperty("junction").GetProperty("actual_cost").GetDouble();
        Assert.True(wholeCost > 0);

        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        Assert.Equal(provider, streamed.Header("x-junction-provider"));
        Assert.Equal("[DONE]", events[^1]);
        var last = JsonDocument.Parse(events[^2]).RootElement;
        Assert.Equal(wholeCost, last.GetProperty("junction").GetProperty("actual_cost").GetDouble());
        Assert.Equal(body.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), last.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PostMessages_ModelOfEachProvider_AnswersInAnthropicShapeStreamedAndNot(string provider)
    {
        var model = LocalGatewayFixture.ModelByProvider[provider];
        using var client = fixture.Gateway.CreateClient(LocalGatewayFixture.LocalKey);
        var request = $$"""{"model":"{{model}}","max_tokens":256,"messages":[{"role":"user","content":"Hello from the messages surface"}]""";

        using var whole = await client.PostJsonAsync("/v1/messages", request + "}");
        var body = await whole.ReadJsonAsync();
        using var streamed = await client.PostJsonAsync("/v1/messages", request + ""","stream":true}""");
        var events = await ReadDataEventsAsync(streamed);

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(provider, whole.Header("x-junction-provider"));
        Assert.Equal("message", body.GetProperty("type").GetString());
        var block = body.GetProperty("content")[0];
        Assert.Equal("text", block.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(block.GetProperty("text").GetString()));
        var outputTokens = body.GetProperty("usage").GetProperty("output_tokens").GetInt32();
        Assert.True(outputTokens > 0);

        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        Assert.Equal(provider, streamed.Header("x-junction-provider"));
        var types = events.ConvertAll(e => JsonDocument.Parse(e).RootElement.GetProperty("type").GetString());
        Assert.Equal("message_start", types[0]);
        Assert.Equal("message_stop", types[^1]);
        var delta = JsonDocument.Parse(events[types.LastIndexOf("message_delta")]).RootElement;
        Assert.Equal(outputTokens, delta.GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public async Task Post_ClaudeModel_TraceShowsTheSimulatorServedIt()
    {
        using var client = fixture.Gateway.CreateClient(LocalGatewayFixture.LocalKey);

        using var response = await client.PostJsonAsync("/v1/chat/completions", Chat("claude-haiku-4-5"));
        using var trace = await client.GetAsync($"/x/traces/{response.Header("x-junction-trace-id")}");

        var attempt = (await trace.ReadJsonAsync()).GetProperty("attempts")[0];
        Assert.Equal("anthropic", attempt.GetProperty("provider").GetString());
        Assert.Equal("simulator", attempt.GetProperty("upstream").GetString());
        Assert.Equal("ok", attempt.GetProperty("outcome").GetString());
    }

    internal static async Task<List<string>> ReadDataEventsAsync(HttpResponseMessage response)
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
}
