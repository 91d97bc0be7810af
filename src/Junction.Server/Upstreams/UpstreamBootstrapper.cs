using Junction.Providers;
using Junction.Providers.Abstractions;
using Junction.Providers.Presets;
using Junction.Server.Hosting;
using Junction.Simulator;
using Microsoft.Extensions.Options;

namespace Junction.Server.Upstreams;

/// <summary>
/// Starts the embedded simulator (when enabled) on a free loopback port before the gateway listens, publishes every
/// provider's upstream, and stops the simulator on shutdown.
/// </summary>
internal sealed class UpstreamBootstrapper(
    UpstreamPlan plan,
    UpstreamDirectory directory,
    ProviderAdapters adapters,
    IOptions<EmbeddedSimulatorOptions> options,
    ILogger<UpstreamBootstrapper> logger) : IHostedService, IAsyncDisposable
{
    private SimulatorHost? _simulator;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Every provider speaks the OpenAI dialect for now; Anthropic and Gemini adapters register their own later.
        if (!adapters.TryGet(Providers.OpenAI.OpenAICompatibleAdapter.DialectName, out var adapter))
        {
            throw new GatewayConfigurationException("No adapter for the 'openai' dialect is registered.");
        }

        var upstreams = new Dictionary<string, Upstream>(StringComparer.Ordinal);
        foreach (var (id, endpoint) in plan.Configured)
        {
            upstreams[id] = new Upstream(endpoint, adapter, id);
            GatewayLog.ProviderConfigured(logger, id, endpoint.BaseUrl);
        }

        var settings = options.Value;
        if (settings.Enabled)
        {
            var simulatorOptions = new SimulatorOptions
            {
                Host = "127.0.0.1",
                Port = 0,
                Seed = settings.Seed,
                Default = new ModelBehaviour
                {
                    LatencyMs = settings.LatencyMs,
                    TtftMs = settings.TtftMs,
                    TokensPerSecond = settings.TokensPerSecond,
                    OutputTokens = settings.OutputTokens,
                },
            };
            _simulator = await SimulatorHost.StartAsync(simulatorOptions, cancellationToken);
            foreach (var id in plan.Simulated)
            {
                // The simulator speaks the whole OpenAI dialect, whatever the real provider's quirks.
                var endpoint = new ProviderEndpoint(id, _simulator.BaseUrl, apiKey: null) { Quirks = ProviderQuirks.Default };
                upstreams[id] = new Upstream(endpoint, adapter, Upstream.SimulatorLabel);
            }

            GatewayLog.SimulatorStarted(logger, _simulator.BaseUrl, plan.Simulated.Length == 0 ? "(none)" : string.Join(", ", plan.Simulated));
        }

        if (plan.Unavailable.Length > 0)
        {
            GatewayLog.ProvidersUnavailable(logger, string.Join(", ", plan.Unavailable));
        }

        directory.Publish(upstreams, _simulator?.BaseUrl);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        var simulator = Interlocked.Exchange(ref _simulator, null);
        if (simulator is not null)
        {
            await simulator.DisposeAsync();
        }
    }
}
