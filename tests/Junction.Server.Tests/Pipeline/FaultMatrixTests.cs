using System.Net;
using System.Text.Json;
using Junction.Server.Tests.Infrastructure;
using Junction.Simulator;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Pipeline;

/// <summary>A gateway in front of a simulator where each cheap model fails one way; <c>gpt-4.1</c> is the healthy fallback.</summary>
public sealed class FaultMatrixFixture : IAsyncLifetime
{
    public const string Healthy = "gpt-4.1";

    public static readonly IReadOnlyDictionary<string, FaultSpec> Faults = new Dictionary<string, FaultSpec>
    {
        ["gpt-4.1-nano"] = new() { Status = 429, RetryAfterSeconds = 3 },
        ["gpt-5-nano"] = new() { Status = 503 },
        ["gpt-4o-mini"] = new() { Status = 529 },
        ["gpt-5-mini"] = new() { Status = 500 },
        ["gpt-4.1-mini"] = new() { Timeout = true },
        ["gpt-5.4-nano"] = new() { Drop = true },
        ["gpt-5.4-mini"] = new() { Status = 400, Code = "context_length_exceeded" },
        ["o4-mini"] = new() { Status = 400 },
        ["ministral-8b-latest"] = new() { Status = 429, Code = "insufficient_quota", Type = "insufficient_quota" },
        ["mistral-small-latest"] = new() { CutAfter = 2 },
        ["codestral-latest"] = new() { ErrorEventAfter = 2 },
    };

    public SimulatorHost Simulator { get; private set; } = null!;

    public RunningGateway Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new SimulatorOptions { Default = new ModelBehaviour { OutputTokens = 10 } };
        foreach (var (model, fault) in Faults)
        {
            options.Models[model] = new ModelBehaviour { OutputTokens = 10, Fault = fault };
        }

        Simulator = await SimulatorHost.StartAsync(options);
        var settings = LocalGatewayFixture.Settings();
        settings["Junction:Simulator:Enabled"] = "false";
        settings["Junction:LiveStats:ConsecutiveFailuresToOpen"] = "1000000";
        settings["Junction:LiveStats:MinimumVolume"] = "1000000000";
        foreach (var provider in new[] { "openai", "mistral" })
        {
            settings[$"Junction:Providers:{provider}:BaseUrl"] = Simulator.BaseUrl.ToString();
            settings[$"Junction:Providers:{provider}:ApiKey"] = "sk-test";
        }

        Gateway = await RunningGateway.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}

public sealed class FaultMatrixTests(FaultMatrixFixture fixture) : IClassFixture<FaultMatrixFixture>
{
    /// <summary>model (its fault), streamed, expected status when it is the only model, outcome, falls over to the healthy model.</summary>
    public static TheoryData<string, bool, int, string, bool> Matrix()
    {
        var rows = new TheoryData<string, bool, int, string, bool>();
        foreach (var stream in new[] { false, true })
        {
            rows.Add("gpt-4.1-nano", stream, 429, "rate_limited", true);
            rows.Add("gpt-5-nano", stream, 502, "overloaded", true);
            rows.Add("gpt-4o-mini", stream, 502, "overloaded", true);
            rows.Add("gpt-5-mini", stream, 502, "server_error", true);
            rows.Add("gpt-4.1-mini", stream, 504, "timeout", true);
            rows.Add("gpt-5.4-nano", stream, 502, "connect", true);
            rows.Add("gpt-5.4-mini", stream, 400, "context_length", false);
            rows.Add("o4-mini", stream, 400, "client_error", false);
        }

        // Failures before any content (a non-streamed cut or error event is a whole-body failure).
        rows.Add("mistral-small-latest", false, 502, "connect", true);
        rows.Add("codestral-latest", false, 502, "server_error", true);
        return rows;
    }

    private static string Body(string model, bool stream, string? second)
    {
        var models = second is null ? $"\"{model}\"" : $"\"{model}\",\"{second}\"";
        // Long enough that no fault's own answer (a cold first request on a busy machine) runs into it; only the
        // timeout fault, which never answers, should.
        var policy = "{\"filter\":[\"in\",\"model\",[" + models + "]],\"rank\":\"lowest_cost\",\"fallback\":{\"attempt_timeout_ms\":1500}}";
        return Chat("auto", extra: ",\"stream\":" + (stream ? "true" : "false") + ",\"junction\":{\"policy\":" + policy + "}");
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Post_FaultBeforeContent_FallsOverOrFailsInShape(string model, bool stream, int status, string outcome, bool fallsOver)
    {
        using var client = fixture.Gateway.CreateClient(LocalGatewayFixture.LocalKey);

        using var alone = await client.PostJsonAsync("/v1/chat/completions", Body(model, stream, null));
        using var withFallback = await client.PostJsonAsync("/v1/chat/completions", Body(model, stream, FaultMatrixFixture.Healthy));

        var error = (await alone.ReadJsonAsync()).GetProperty("error");
        Assert.Equal(status, (int)alone.StatusCode);
        Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
        if (status == 429)
        {
            Assert.Equal(TimeSpan.FromSeconds(3), alone.Headers.RetryAfter?.Delta);
        }

        var attempts = await AttemptsAsync(client, withFallback);
        Assert.Equal(outcome, attempts[0].GetProperty("outcome").GetString());
        if (fallsOver)
        {
            Assert.Equal(HttpStatusCode.OK, withFallback.StatusCode);
            Assert.Equal(FaultMatrixFixture.Healthy, withFallback.Header("x-junction-model"));
            Assert.Equal(2, attempts.Count);
        }
        else
        {
            Assert.NotEqual(HttpStatusCode.OK, withFallback.StatusCode);
            Assert.Single(attempts);
        }
    }

    [Fact]
    public async Task Post_QuotaExhausted_DoesNotFallOverThenRoutesAroundTheModel()
    {
        using var client = fixture.Gateway.CreateClient(LocalGatewayFixture.LocalKey);

        using var first = await client.PostJsonAsync("/v1/chat/completions", Body("ministral-8b-latest", false, FaultMatrixFixture.Healthy));
        using var second = await client.PostJsonAsync("/v1/chat/completions", Body("ministral-8b-latest", false, FaultMatrixFixture.Healthy));

        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        var attempts = await AttemptsAsync(client, first);
        Assert.Equal("quota_exhausted", Assert.Single(attempts).GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(FaultMatrixFixture.Healthy, second.Header("x-junction-model"));
    }

    [Theory]
    [InlineData("mistral-small-latest", "connect")]
    [InlineData("codestral-latest", "server_error")]
    public async Task Stream_FaultAfterContent_EndsWithErrorAndNeverDuplicatesOutput(string model, string outcome)
    {
        using var client = fixture.Gateway.CreateClient(LocalGatewayFixture.LocalKey);

        using var response = await client.PostJsonAsync("/v1/chat/completions", Body(model, true, FaultMatrixFixture.Healthy));
        var events = await Upstreams.DialectRoutingTests.ReadDataEventsAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(model, response.Header("x-junction-model"));
        var text = string.Concat(events
            .Where(e => e != "[DONE]")
            .Select(e => JsonDocument.Parse(e).RootElement)
            .Where(c => c.TryGetProperty("choices", out var ch) && ch.GetArrayLength() > 0 && ch[0].GetProperty("delta").TryGetProperty("content", out _))
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()));
        Assert.False(string.IsNullOrEmpty(text));
        Assert.DoesNotContain(FaultMatrixFixture.Healthy + ":", text, StringComparison.Ordinal);
        Assert.Contains(events, e => e.StartsWith("{\"error\"", StringComparison.Ordinal));
        var attempts = await AttemptsAsync(client, response);
        Assert.Single(attempts);
        Assert.Equal(outcome, attempts[0].GetProperty("outcome").GetString());
    }

    private static async Task<List<JsonElement>> AttemptsAsync(HttpClient client, HttpResponseMessage response)
    {
        using var trace = await client.GetAsync($"/x/traces/{response.Header("x-junction-trace-id")}");
        return [.. (await trace.ReadJsonAsync()).GetProperty("attempts").EnumerateArray()];
    }
}
