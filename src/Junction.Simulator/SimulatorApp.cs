using System.Globalization;
using System.Net;
using Junction.Simulator.Gemini;
using Junction.Simulator.OpenAI;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Junction.Simulator;

/// <summary>Wires the simulator into a web application; shared by its own process and <see cref="SimulatorHost"/>.</summary>
internal static class SimulatorApp
{
    /// <summary>Binds section <c>Simulator</c>, then the top-level <c>port</c> and <c>host</c> (so <c>--port 9100</c> works).</summary>
    public static SimulatorOptions BindOptions(IConfiguration configuration)
    {
        var options = new SimulatorOptions();
        configuration.GetSection(SimulatorOptions.SectionName).Bind(options);
        if (configuration["port"] is { } port)
        {
            options.Port = int.Parse(port, CultureInfo.InvariantCulture);
        }
        if (configuration["host"] is { } host)
        {
            options.Host = host;
        }
        return options;
    }

    /// <summary>Registers the simulator; <paramref name="listen"/> false leaves the addresses to <c>--urls</c>.</summary>
    public static void Configure(WebApplicationBuilder builder, SimulatorOptions options, TimeProvider time, bool listen)
    {
        // A load-test upstream: nothing per request may be logged.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(new SimulatorState(options, time));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var address = ParseAddress(options.Host);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (listen)
            {
                kestrel.Listen(address, options.Port);
            }
        });
    }

    public static void Map(WebApplication app)
    {
        var state = app.Services.GetRequiredService<SimulatorState>();
        app.MapOpenAIApi(state);
        app.MapGeminiApi(state);
        app.MapGet("/healthz", new RequestDelegate(context => context.Response.WriteAsync("ok", context.RequestAborted)));
        app.MapFallback(new RequestDelegate(context =>
            OpenAIErrorWriter.WriteAsync(context.Response, OpenAIError.NotFound(context.Request.Method, context.Request.Path.Value ?? "/"), null, context.RequestAborted)));
    }

    private static IPAddress ParseAddress(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }
        return IPAddress.TryParse(host, out var address)
            ? address
            : throw new ArgumentException($"Simulator host must be an IP address or 'localhost', not '{host}'.", nameof(host));
    }
}
