using Microsoft.Extensions.Logging;
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

    private readonly string? _ownedDataDirectory;

    private RunningGateway(WebApplication app, Uri baseAddress, string? ownedDataDirectory)
    {
        _app = app;
        BaseAddress = baseAddress;
        _ownedDataDirectory = ownedDataDirectory;
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234</c> (no trailing path).</summary>
    public Uri BaseAddress { get; }

    internal IServiceProvider Services => _app.Services;

    /// <summary>Starts a gateway that sees only <paramref name="settings"/> (no environment, no files).</summary>
    /// <remarks>Without <c>Junction:Storage:DataDirectory</c> the gateway gets a fresh temporary data directory, deleted on dispose.</remarks>
    public static async Task<RunningGateway> StartAsync(IReadOnlyDictionary<string, string?> settings, string host = "127.0.0.1", ILoggerProvider? logs = null)
    {
        string? owned = null;
        if (!settings.ContainsKey("Junction:Storage:DataDirectory"))
        {
            owned = NewDataDirectory();
            settings = new Dictionary<string, string?>(settings) { ["Junction:Storage:DataDirectory"] = owned };
        }

        WebApplication app;
        try
        {
            app = GatewayApp.Build(new GatewayLaunch { Isolated = true, Host = host, Port = 0, Settings = settings, LoggerProvider = logs });
        }
        catch
        {
            DeleteDirectory(owned);
            throw;
        }

        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            DeleteDirectory(owned);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RunningGateway(app, new Uri(address), owned);
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
        DeleteDirectory(_ownedDataDirectory);
    }

    /// <summary>A new empty directory for a gateway's store.</summary>
    public static string NewDataDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "junction-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static void DeleteDirectory(string? path)
    {
        if (path is not null && Directory.Exists(path))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on some platforms; the temp folder is cleaned by the OS.
            }
        }
    }
}
