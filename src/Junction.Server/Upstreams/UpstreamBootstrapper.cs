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
        var upstreams = new Dictionary<string, Upstream>(StringComparer.Ordinal);
        foreach (var (id, endpoint) in plan.Configured)
        {
            upstreams[id] = new Upstream(endpoint, AdapterFor(id), id);
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
                // Each provider goes through its own dialect's adapter, so a Claude model really takes the Anthropic path;
                // the simulator speaks every dialect's full form, whatever the real provider's quirks.
                var adapter = AdapterFor(id);
                var endpoint = new ProviderEndpoint(id, SimulatorBaseUrl(_simulator.BaseUrl, adapter.Dialect), apiKey: null) { Quirks = ProviderQuirks.Default };
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

    /// <summary>The adapter of the provider's preset dialect; providers without a preset are OpenAI-compatible.</summary>
    private IProviderAdapter AdapterFor(string providerId)
    {
        var dialect = ProviderPresets.TryGet(providerId, out var preset) ? preset.Dialect : Providers.OpenAI.OpenAICompatibleAdapter.DialectName;
        if (!adapters.TryGet(dialect, out var adapter))
        {
            throw new GatewayConfigurationException($"No adapter for the '{dialect}' dialect (provider '{providerId}') is registered.");
        }

        return adapter;
    }

    /// <summary>Where the simulator serves a dialect: <c>/v1</c> for OpenAI and Anthropic, <c>/v1beta</c> for Gemini.</summary>
    private static Uri SimulatorBaseUrl(Uri openAIBaseUrl, string dialect) =>
        dialect == Providers.Gemini.GeminiAdapter.DialectName ? new Uri(openAIBaseUrl, "/v1beta") : openAIBaseUrl;

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
