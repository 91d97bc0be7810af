using Junction.Server.Auth;
using Junction.Storage.Keys;
using Junction.Storage.Tenants;
using Junction.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Junction.Server.Tests.Infrastructure;

/// <summary>A real gateway with the embedded simulator (no delays), an empty store in its own data directory and a configured admin key.</summary>
public sealed class StoreGateway : IAsyncDisposable
{
    public const string AdminKey = "jk_test_platform_admin_key";

    private StoreGateway(RunningGateway gateway) => Gateway = gateway;

    public RunningGateway Gateway { get; }

    public EmbeddedStore Store => Gateway.Services.GetRequiredService<EmbeddedStore>();

    public static async Task<StoreGateway> StartAsync(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = Settings();
        if (extra is not null)
        {
            foreach (var (key, value) in extra)
            {
                settings[key] = value;
            }
        }

        return new StoreGateway(await RunningGateway.StartAsync(settings));
    }

    public static Dictionary<string, string?> Settings() => new()
    {
        ["Junction:Simulator:LatencyMs"] = "0",
        ["Junction:Simulator:TtftMs"] = "0",
        ["Junction:Simulator:TokensPerSecond"] = "0",
        ["Junction:Admin:KeyHash"] = ApiKeySecrets.Hash(AdminKey),
    };

    public HttpClient CreateClient(string? apiKey) => Gateway.CreateClient(apiKey);

    /// <summary>Creates a tenant (if new) and a key for it directly in the store; returns the key's secret.</summary>
    public async Task<string> AddKeyAsync(Tenant tenant, ApiKeyRole role = ApiKeyRole.Member, Func<NewApiKey, NewApiKey>? shape = null)
    {
        if (await Store.Tenants.GetAsync(tenant.Id) is null)
        {
            var created = await Store.Tenants.CreateAsync(tenant);
            Assert.True(created.IsOk, created.Message);
        }

        var key = new NewApiKey { TenantId = tenant.Id, Name = "test", Role = role };
        var result = await Store.Keys.CreateAsync(shape is null ? key : shape(key));
        Assert.True(result.IsOk, result.Message);
        return result.Value!.Secret;
    }

    public ValueTask DisposeAsync() => Gateway.DisposeAsync();
}
