using System.Net;
using Junction.Server.Tests.Infrastructure;
using Junction.Simulator;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Pipeline;

public sealed class CircuitTests
{
    private const string Broken = "gpt-4.1-nano";

    [Fact]
    public async Task Post_RepeatedServerErrors_OpenTheCircuitAndRankRejectsAtHost()
    {
        var options = new SimulatorOptions { Default = new ModelBehaviour { OutputTokens = 4 } };
        options.Models[Broken] = new ModelBehaviour { Fault = new FaultSpec { Status = 500 } };
        await using var simulator = await SimulatorHost.StartAsync(options);
        var settings = LocalGatewayFixture.Settings();
        settings["Junction:Simulator:Enabled"] = "false";
        settings["Junction:Providers:openai:BaseUrl"] = simulator.BaseUrl.ToString();
        settings["Junction:Providers:openai:ApiKey"] = "sk-test";
        settings["Junction:LiveStats:ConsecutiveFailuresToOpen"] = "3";
        await using var gateway = await RunningGateway.StartAsync(settings);
        using var client = gateway.CreateClient(LocalGatewayFixture.LocalKey);

        for (var i = 0; i < 3; i++)
        {
            using var failed = await client.PostJsonAsync("/v1/chat/completions", Chat(Broken));
            Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        }

        var requestsBefore = simulator.RequestCount;
        using var rank = await client.PostJsonAsync("/x/rank", $$"""{"model":"{{Broken}}","messages":[{"role":"user","content":"hi"}]}""");
        using var after = await client.PostJsonAsync("/v1/chat/completions", Chat(Broken));

        var rejected = (await rank.ReadJsonAsync()).GetProperty("rejected").EnumerateArray().Single(r => r.GetProperty("model").GetString() == Broken);
        Assert.Equal("host", rejected.GetProperty("layer").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, after.StatusCode);
        Assert.Equal(requestsBefore, simulator.RequestCount);
    }
}
