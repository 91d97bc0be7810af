using System.Net.Http.Headers;
using Junction.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Junction.Server.Tests.Infrastructure;

/// <summary>A real gateway on Kestrel (127.0.0.1, a free port), built by the same code as <c>junction serve</c>.</summary>
public sealed class RunningGateway : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningGateway(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234</c> (no trailing path).</summary>
    public Uri BaseAddress { get; }

    internal IServiceProvider Services => _app.Services;

    /// <summary>Starts a gateway that sees only <paramref name="settings"/> (no environment, no files).</summary>
    public static async Task<RunningGateway> StartAsync(IReadOnlyDictionary<string, string?> settings, string host = "127.0.0.1")
    {
        var app = GatewayApp.Build(new GatewayLaunch { Isolated = true, Host = host, Port = 0, Settings = settings });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RunningGateway(app, new Uri(address));
    }

    /// <summary>A client for this gateway, sending <paramref name="apiKey"/> as a bearer token when given.</summary>
    public HttpClient CreateClient(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
