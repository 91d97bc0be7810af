using System.Net;
using System.Text.Json;
using Junction.Server.Tests.Infrastructure;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Native;

public sealed class RouteApiTests(LocalGatewayFixture fixture) : IClassFixture<LocalGatewayFixture>
{
    private HttpClient Client() => fixture.Gateway.CreateClient(LocalGatewayFixture.LocalKey);

    [Fact]
    public async Task Route_Prompt_AnswersWithModelCostMetricsAndTrace()
    {
        using var client = Client();

        using var response = await client.PostJsonAsync("/api/route", """{"prompt":"Say hi","strategy":"lowest-cost"}""");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("result").GetString()));
        Assert.Equal(response.Header("x-junction-model"), body.GetProperty("model_used").GetString());
        Assert.True(body.GetProperty("actual_cost").GetDouble() > 0);
        Assert.True(body.GetProperty("estimated_cost").GetDouble() > 0);
        Assert.True(body.GetProperty("metrics").GetProperty("latency_ms").GetDouble() >= 0);
        Assert.Equal("ok", body.GetProperty("trace").GetProperty("attempts")[0].GetProperty("outcome").GetString());
    }

    [Theory]
    [InlineData("anthropic:claude-haiku-4-5", "claude-haiku-4-5", "anthropic")]
    [InlineData("google", null, "google")]
    public async Task Route_ForceModel_ProviderModelOrProviderBestSurvivor(string force, string? model, string provider)
    {
        using var client = Client();

        using var response = await client.PostJsonAsync("/api/route", $$"""{"prompt":"Say hi","force_model":"{{force}}"}""");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(provider, body.GetProperty("provider").GetString());
        if (model is not null)
        {
            Assert.Equal(model, body.GetProperty("model_used").GetString());
        }
    }

    [Fact]
    public async Task RouteStream_Prompt_SendsMetaDeltasAndDone()
    {
        using var client = Client();

        using var response = await client.PostJsonAsync("/api/route/stream", """{"prompt":"Say hi","force_model":"openai:gpt-4.1-mini"}""");
        var events = await ReadEventsAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("meta", events[0].Name);
        Assert.Equal("gpt-4.1-mini", events[0].Data.GetProperty("model").GetString());
        Assert.StartsWith("trc_", events[0].Data.GetProperty("trace_id").GetString(), StringComparison.Ordinal);
        Assert.Contains(events, e => e.Name == "delta" && e.Data.GetProperty("text").GetString()!.Length > 0);
        var done = events[^1];
        Assert.Equal("done", done.Name);
        Assert.True(done.Data.GetProperty("actual_cost").GetDouble() > 0);
        Assert.True(done.Data.GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 0);
        Assert.Equal(JsonValueKind.Number, done.Data.GetProperty("metrics").GetProperty("ttft_ms").ValueKind);
    }

    [Fact]
    public async Task Recommend_Prompt_ReturnsDecisionAndTraceWithoutCalling()
    {
        using var client = Client();

        using var response = await client.PostJsonAsync("/api/recommend", """{"prompt":"Say hi","strategy":"best-quality","max_cost":0.5}""");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("routed", body.GetProperty("outcome").GetString());
        Assert.Equal(body.GetProperty("trace").GetProperty("ranked")[0].GetProperty("model").GetString(), body.GetProperty("model").GetString());
        Assert.Equal(0, body.GetProperty("trace").GetProperty("attempts").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"strategy":"lowest-cost"}""", "prompt")]
    [InlineData("""{"prompt":"x","max_tokens":0}""", "max_tokens")]
    [InlineData("""{"prompt":"x","strategy":"cheapest-ever"}""", "strategy")]
    [InlineData("""{"prompt":"x","force_model":"openai:nope"}""", "force_model")]
    [InlineData("""{"prompt":"x","colour":"blue"}""", "colour")]
    public async Task Route_BadField_IsProblemDetailsNamingTheField(string body, string field)
    {
        using var client = Client();

        using var response = await client.PostJsonAsync("/api/route", body);
        var problem = await response.ReadJsonAsync();

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, response.StatusCode.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        Assert.Equal(field, problem.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("errors")[0].GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Route_NoKey_Is401ProblemDetails()
    {
        using var client = fixture.Gateway.CreateClient(null);

        using var response = await client.PostJsonAsync("/api/route", """{"prompt":"x"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    internal static async Task<List<(string Name, JsonElement Data)>> ReadEventsAsync(HttpResponseMessage response)
    {
        var events = new List<(string, JsonElement)>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? name = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                using var document = JsonDocument.Parse(line["data: ".Length..]);
                events.Add((name ?? "message", document.RootElement.Clone()));
            }
        }

        return events;
    }
}
