using Junction.Server.Admin;
using Junction.Server.Auth;
using Junction.Server.Health;
using Junction.Server.Ingress.Anthropic;
using Junction.Server.Ingress.OpenAI;
using Junction.Server.Json;
using Junction.Server.Native;
using Junction.Server.Policy;
using Junction.Server.Ui;

namespace Junction.Server.Hosting;

/// <summary>Builds the gateway: the one place services, middleware and endpoints are wired (used by <c>junction serve</c> and the tests).</summary>
internal static class GatewayApp
{
    public static WebApplication Build(GatewayLaunch launch)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(GatewayApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        launch.ApplyTo(builder.Configuration);

        // Per-request framework logs drown the gateway's own; configuration can still turn them back on.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // Hosting starts an Activity (ids, Activity.Current, a new ExecutionContext) for every request whenever its
        // logger is enabled at any level, for log scopes; it logs nothing above Information, so it is off, and a
        // request with no trace listener attached makes no Activity (about 1.5 KB and 2% of the CPU per request).
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        if (launch.LoggerProvider is { } sink)
        {
            builder.Logging.AddProvider(sink);
        }
        builder.Services.ConfigureHttpJsonOptions(static o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, JsonWriting.Context));
        builder.Services.AddGateway();

        var app = builder.Build();
        ValidateConfiguration(app);
        app.UseMiddleware<UnhandledErrorMiddleware>();
        app.UseMiddleware<ApiKeyAuthenticationMiddleware>();
        app.MapHealthApi();
        app.MapChatCompletionsApi();
        app.MapMessagesApi();
        app.MapRouteApi();
        app.MapModelsApi();
        app.MapPolicyToolsApi();
        app.MapAdminApi();
        app.MapUiSessionApi();
        app.MapUiAssets();
        return app;
    }

    /// <summary>
    /// Builds what a bad configuration breaks (catalog, tenants, keys, host policy, providers) before anything starts,
    /// so <c>junction serve</c> fails with just the configuration's message.
    /// </summary>
    private static void ValidateConfiguration(WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<Junction.Storage.EmbeddedStore>();
            app.Services.GetRequiredService<ApiKeyDirectory>();
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }
    }
}
