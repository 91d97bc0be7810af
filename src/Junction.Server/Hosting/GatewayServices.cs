using System.Collections.Immutable;
using System.Net;
using Junction.Core.Catalog;
using Junction.Core.Live;
using Junction.Core.Routing;
using Junction.Core.Tokens;
using Junction.Providers;
using Junction.Server.Admin;
using Junction.Server.Admission;
using Junction.Server.Auth;
using Junction.Server.Recording;
using Junction.Server.Ingress.OpenAI;
using Junction.Server.Pipeline;
using Junction.Server.Policy;
using Junction.Server.Routing;
using Junction.Server.Store;
using Junction.Server.Upstreams;
using Junction.Storage;
using Junction.Storage.Traces;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Junction.Server.Hosting;

/// <summary>The gateway's services, feature by feature. Everything here is a singleton built once at startup.</summary>
internal static class GatewayServices
{
    public static IServiceCollection AddGateway(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHosting().AddStore().AddRouting().AddUpstreams().AddAuth().AddPipeline();

        // Upstreams (and the simulator) start before Kestrel accepts a request.
        services.AddSingleton<UpstreamBootstrapper>();
        services.AddHostedService(static sp => sp.GetRequiredService<UpstreamBootstrapper>());
        return services;
    }

    private static IServiceCollection AddHosting(this IServiceCollection services)
    {
        services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TraceOptions>().BindConfiguration(TraceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServerOptions>>(static (kestrel, server) => Listen(kestrel, server.Value));
        services.AddSingleton<ITraceStore>(static sp => new InMemoryTraceStore(sp.GetRequiredService<IOptions<TraceOptions>>().Value.Capacity));
        return services;
    }

    private static IServiceCollection AddRouting(this IServiceCollection services)
    {
        services.AddOptions<RoutingOptions>().BindConfiguration("Junction");
        services.AddSingleton(static sp =>
        {
            var snapshot = CatalogLoader.Load(sp.GetRequiredService<IOptions<RoutingOptions>>().Value.Catalog.OverrideFile);
            GatewayLog.CatalogLoaded(sp.GetRequiredService<ILogger<CatalogState>>(), snapshot.Version, snapshot.Models.Length);
            return new CatalogState(snapshot);
        });
        services.AddSingleton<PolicyCompiler>();
        services.AddSingleton(static sp => new Router(timeProvider: sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ITokenEstimator>(HeuristicTokenEstimator.Instance);
        services.AddSingleton<RoutePlanner>();
        services.AddSingleton(static sp =>
        {
            var errors = new List<string>();
            var hostPolicy = StoredPolicyReader.Read(sp.GetRequiredService<IOptions<RoutingOptions>>().Value.HostPolicy, "Junction:HostPolicy", errors);
            if (errors.Count > 0)
            {
                throw new GatewayConfigurationException("Invalid host policy:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors));
            }

            return new HostLayerSet(HostLayers.Build(hostPolicy, sp.GetRequiredService<UpstreamPlan>().Unavailable));
        });
        return services;
    }

    private static IServiceCollection AddUpstreams(this IServiceCollection services)
    {
        services.AddOptions<ProvidersOptions>().BindConfiguration("Junction");
        services.AddOptions<EmbeddedSimulatorOptions>().BindConfiguration(EmbeddedSimulatorOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(static sp =>
        {
            var providers = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var model in sp.GetRequiredService<CatalogState>().Current.Models)
            {
                providers.Add(model.Provider);
            }

            return UpstreamPlan.Create(
                providers,
                sp.GetRequiredService<IOptions<ProvidersOptions>>().Value,
                sp.GetRequiredService<IConfiguration>(),
                sp.GetRequiredService<IOptions<EmbeddedSimulatorOptions>>().Value.Enabled);
        });
        services.AddSingleton<UpstreamDirectory>();
        services.AddSingleton(static sp =>
        {
            // One pooled client for every provider; per-attempt timeouts come from the policy, this is a backstop.
            // No redirects: a provider key must never follow a 3xx to another host. No trace-header propagation:
            // the diagnostics handler costs every call and the gateway writes its own trace.
            var handler = new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectTimeout = TimeSpan.FromSeconds(10),
                AutomaticDecompression = DecompressionMethods.All,
                AllowAutoRedirect = false,
                ActivityHeadersPropagator = null,
            };
            var client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(10) };
            return ProviderAdapters.CreateDefault(client, sp.GetRequiredService<TimeProvider>());
        });
        return services;
    }

    private static IServiceCollection AddAuth(this IServiceCollection services)
    {
        services.AddOptions<TenantsOptions>().BindConfiguration("Junction");
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        services.AddSingleton(static sp =>
        {
            // Startup (cold path): the first admin key is made before anything decides whether local mode is on.
            var store = sp.GetRequiredService<EmbeddedStore>();
            var admin = sp.GetRequiredService<IOptions<AdminOptions>>().Value;
            FirstAdminKey.EnsureAsync(store, admin, Console.Out).GetAwaiter().GetResult();
            var storeHasTenants = false;
            foreach (var tenant in store.Tenants.ListAsync().GetAwaiter().GetResult())
            {
                storeHasTenants |= tenant.Id != PlatformTenant.Id;
            }

            return ApiKeyDirectoryFactory.Create(
                sp.GetRequiredService<IOptions<TenantsOptions>>().Value,
                admin,
                storeHasTenants,
                sp.GetRequiredService<HostLayerSet>().Layers,
                sp.GetRequiredService<IOptions<ServerOptions>>().Value,
                sp.GetRequiredService<ILogger<ApiKeyDirectory>>());
        });
        services.AddSingleton(static sp => new LocalModeState(sp.GetRequiredService<ApiKeyDirectory>().IsLocalMode));
        services.AddSingleton<TenantLayers>();
        services.AddSingleton<CallerResolver>();
        services.AddSingleton<Ui.UiSessionCookie>();
        return services;
    }

    private static IServiceCollection AddPipeline(this IServiceCollection services)
    {
        services.AddSingleton<TraceRecorder>();
        services.AddSingleton<FallbackCascade>();
        services.AddOptions<LiveStatsOptions>().BindConfiguration("Junction:LiveStats");
        services.AddSingleton(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<LiveStatsOptions>>().Value;
            var errors = options.Validate();
            if (errors.Count > 0)
            {
                throw new GatewayConfigurationException("Junction:LiveStats: " + string.Join("; ", errors));
            }

            var state = new LiveStatsState(options, sp.GetRequiredService<TimeProvider>());
            return new LiveStats(state, new LiveStatsPublisher(sp.GetRequiredService<CatalogState>(), state), sp.GetRequiredService<ILogger<LiveStats>>());
        });
        services.AddHostedService<LiveStatsTimer>();
        services.AddSingleton<RequestRecorder>();
        services.TryAddSingleton<IRequestAdmission, TenantAdmission>();
        services.AddSingleton<GatewayPipeline>();
        services.AddSingleton<Ingress.Anthropic.MessagesHandler>();
        services.AddSingleton<ChatCompletionsHandler>();
        services.AddSingleton<DryRunHandler>();
        return services;
    }

    private static void Listen(KestrelServerOptions kestrel, ServerOptions server)
    {
        if (string.Equals(server.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(server.Port);
        }
        else if (server.Host is "*" or "+")
        {
            kestrel.ListenAnyIP(server.Port);
        }
        else if (IPAddress.TryParse(server.Host, out var address))
        {
            kestrel.Listen(address, server.Port);
        }
        else
        {
            throw new GatewayConfigurationException($"Junction:Server:Host: '{server.Host}' is not an IP address, 'localhost' or '*'.");
        }
    }
}

/// <summary>The host floor layers, built once (see <see cref="HostLayers"/>).</summary>
internal sealed record HostLayerSet(ImmutableArray<PolicyLayer> Layers);
