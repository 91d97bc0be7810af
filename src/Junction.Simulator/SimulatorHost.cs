using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Junction.Simulator;

/// <summary>A simulator running in this process on its own Kestrel server; dispose it to stop it.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorState _state;

    private SimulatorHost(WebApplication app, SimulatorState state, Uri baseUrl)
    {
        _app = app;
        _state = state;
        BaseUrl = baseUrl;
    }

    /// <summary>OpenAI-style base URL including <c>/v1</c>, e.g. <c>http://127.0.0.1:54321/v1</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The port actually bound (useful when the options asked for 0).</summary>
    public int Port => BaseUrl.Port;

    /// <summary>Chat-completion requests received so far, whatever their outcome.</summary>
    public long RequestCount => _state.RequestCount;

    public static Task<SimulatorHost> StartAsync(SimulatorOptions options, CancellationToken ct = default) =>
        StartAsync(options, TimeProvider.System, ct);

    /// <summary>Starts a simulator whose latencies and timestamps follow <paramref name="timeProvider"/>.</summary>
    public static async Task<SimulatorHost> StartAsync(SimulatorOptions options, TimeProvider timeProvider, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Embedded in another process: take nothing from its environment variables or settings files.
        builder.Configuration.Sources.Clear();
        SimulatorApp.Configure(builder, options, timeProvider, listen: true);

        var app = builder.Build();
        SimulatorApp.Map(app);
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        var baseUrl = new UriBuilder(Uri.UriSchemeHttp, bound.Host, bound.Port, "/v1").Uri;
        return new SimulatorHost(app, app.Services.GetRequiredService<SimulatorState>(), baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
