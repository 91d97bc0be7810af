using Junction.Server.Tests.Infrastructure;
using Junction.Simulator;

namespace Junction.Server.Tests.Admin;

/// <summary>A <see cref="StoreGateway"/> whose OpenAI models come from a real simulator where <see cref="FailingModel"/> always answers 500; every other provider is the embedded simulator.</summary>
internal sealed class FaultyOpenAIGateway : IAsyncDisposable
{
    public const string FailingModel = "gpt-5-mini";

    private readonly SimulatorHost _simulator;

    private FaultyOpenAIGateway(SimulatorHost simulator, StoreGateway gateway)
    {
        _simulator = simulator;
        Gateway = gateway;
    }

    public StoreGateway Gateway { get; }

    public static async Task<FaultyOpenAIGateway> StartAsync(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var options = new SimulatorOptions { Default = new ModelBehaviour { OutputTokens = 12 } };
        options.Models[FailingModel] = new ModelBehaviour { Fault = new FaultSpec { Status = 500 } };
        var simulator = await SimulatorHost.StartAsync(options);
        var settings = new Dictionary<string, string?>
        {
            ["Junction:Providers:openai:BaseUrl"] = simulator.BaseUrl.ToString(),
            ["Junction:Providers:openai:ApiKey"] = "sk-test",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        try
        {
            return new FaultyOpenAIGateway(simulator, await StoreGateway.StartAsync(settings));
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await _simulator.DisposeAsync();
    }
}
