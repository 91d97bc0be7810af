using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Junction.Providers.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 that replays recorded provider payloads. Each test registers its own scenario
/// under a fresh id and points its endpoint at <see cref="BaseUrl"/> for that id, so tests share no data.
/// </summary>
public sealed class ReplayServer : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, ReplayScript> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RecordedRequest> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _outcomes = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _port;

    /// <summary>A client for the tests, configured like the gateway's: pooled connections, no overall timeout of note.</summary>
    public HttpClient Client { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        _app = builder.Build();
        _app.MapPost("/{scenario}/v1/chat/completions", ReplayAsync);
        _app.MapPost("/{scenario}/v1beta/{**method}", ReplayAsync);
        await _app.StartAsync();
        _port = new Uri(_app.Urls.First()).Port;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>Registers a scenario and returns the base URL (up to <c>/v1</c>) that serves it.</summary>
    public Uri Serve(ReplayScript script, out string scenario)
    {
        scenario = Guid.NewGuid().ToString("N");
        _scripts[scenario] = script;
        return BaseUrl(scenario);
    }

    public Uri Serve(ReplayScript script) => Serve(script, out _);

    public Uri BaseUrl(string scenario) => new($"http://127.0.0.1:{_port}/{scenario}/v1");

    public RecordedRequest? Received(string scenario) => _requests.TryGetValue(scenario, out var request) ? request : null;

    /// <summary>Completes when the scenario's response ends: true if the client went away before the script finished.</summary>
    public Task<bool> WhenFinished(string scenario) => Outcome(scenario).Task;

    private TaskCompletionSource<bool> Outcome(string scenario) =>
        _outcomes.GetOrAdd(scenario, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task ReplayAsync(HttpContext context, string scenario)
    {
        var aborted = context.RequestAborted;
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, aborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests[scenario] = new RecordedRequest(
            context.Request.Path,
            context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null,
            context.Request.Headers.Accept.ToString(),
            headers,
            body.ToArray())
        {
            Query = context.Request.QueryString.Value ?? string.Empty,
        };

        if (!_scripts.TryGetValue(scenario, out var script))
        {
            context.Response.StatusCode = 404;
            return;
        }

        try
        {
            if (script.HeadersDelay > TimeSpan.Zero)
            {
                await Task.Delay(script.HeadersDelay, aborted);
            }

            context.Response.StatusCode = script.Status;
            context.Response.ContentType = script.ContentType;
            foreach (var (name, value) in script.Headers)
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.StartAsync(aborted);
            foreach (var step in script.Steps)
            {
                if (step.Abort)
                {
                    context.Abort();
                    Outcome(scenario).TrySetResult(false);
                    return;
                }

                if (step.Signal is { } signal)
                {
                    await signal.WaitAsync(aborted);
                }

                if (step.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(step.Delay, aborted);
                }

                if (step.Bytes is { } bytes)
                {
                    await context.Response.Body.WriteAsync(bytes, aborted);
                    await context.Response.Body.FlushAsync(aborted);
                }
            }

            Outcome(scenario).TrySetResult(false);
        }
        catch (Exception) when (aborted.IsCancellationRequested)
        {
            // The client went away (a timeout, a cancellation or a disposed stream under test).
            Outcome(scenario).TrySetResult(true);
        }
    }
}
