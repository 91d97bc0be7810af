using Junction.Server.Auth;
using Junction.Simulator;
using Junction.Storage.Keys;

namespace Junction.Server.Tests.Infrastructure;

/// <summary>
/// A gateway with three tenants in front of a real simulator that stands in for every provider but Google (which
/// then has no credentials and is not routable). Some models misbehave on purpose, for the fallback tests.
/// </summary>
public sealed class TenantGatewayFixture : IAsyncLifetime
{
    /// <summary>The provider key the gateway holds; it must never come back in any response.</summary>
    public const string PlantedProviderKey = "sk-test-PLANTED-provider-secret-7f3a";

    public const string AcmeKey = "jk_acme_test_key_1";
    public const string AcmeNarrowKey = "jk_acme_test_key_narrow";
    public const string GlobexKey = "jk_globex_test_key_1";

    /// <summary>Fails every call with 500.</summary>
    public const string Failing500Model = "gpt-4.1-nano";

    /// <summary>Fails every call with 429 and <c>retry-after: 2</c>.</summary>
    public const string RateLimitedModel = "gpt-4o-mini";

    /// <summary>Never answers.</summary>
    public const string HangingModel = "ministral-8b-latest";

    /// <summary>Streams three chunks, then drops the connection.</summary>
    public const string CuttingModel = "codestral-latest";

    /// <summary>Streams slowly: 20 tokens at 20 tokens per second.</summary>
    public const string SlowModel = "mistral-small-latest";

    /// <summary>The seed tenant's rules.</summary>
    public const string AcmePolicy = """
        {"filter": ["and", ["cmp", "bench_intelligence", "ge", 0.5],
                           ["in", "provider", ["openai", "anthropic", "mistral"]],
                           ["eq", "region", "eu"]],
         "no_log": true}
        """;

    public SimulatorHost Simulator { get; private set; } = null!;

    public RunningGateway Gateway { get; private set; } = null!;

    /// <summary>Every line the gateway logged, at every level.</summary>
    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        var options = new SimulatorOptions
        {
            RequiredApiKey = PlantedProviderKey,
            Seed = 7,
            Default = new ModelBehaviour { OutputTokens = 12 },
        };
        options.Models[Failing500Model] = new ModelBehaviour { Fault = new FaultSpec { Status = 500 } };
        options.Models[RateLimitedModel] = new ModelBehaviour { Fault = new FaultSpec { Status = 429, RetryAfterSeconds = 2 } };
        options.Models[HangingModel] = new ModelBehaviour { Fault = new FaultSpec { Timeout = true } };
        options.Models[CuttingModel] = new ModelBehaviour { OutputTokens = 20, Fault = new FaultSpec { CutAfter = 3 } };
        options.Models[SlowModel] = new ModelBehaviour { OutputTokens = 20, TokensPerSecond = 20 };
        Simulator = await SimulatorHost.StartAsync(options);

        var settings = new Dictionary<string, string?>
        {
            ["Junction:Simulator:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Trace",

            // The misbehaving models must keep misbehaving for every test: their circuits never open here.
            ["Junction:LiveStats:ConsecutiveFailuresToOpen"] = "1000000",
            ["Junction:LiveStats:MinimumVolume"] = "1000000000",
            ["Junction:Tenants:0:Id"] = "acme",
            ["Junction:Tenants:0:Name"] = "Acme Corp",
            ["Junction:Tenants:0:Policy"] = AcmePolicy,
            ["Junction:Tenants:0:Keys:0:Id"] = "acme-main",
            ["Junction:Tenants:0:Keys:0:Hash"] = ApiKeySecrets.Hash(AcmeKey),
            ["Junction:Tenants:0:Keys:1:Id"] = "acme-narrow",
            ["Junction:Tenants:0:Keys:1:Hash"] = ApiKeySecrets.Hash(AcmeNarrowKey),
            ["Junction:Tenants:0:Keys:1:Policy"] = """{"filter": ["nin", "provider", ["mistral"]]}""",
            ["Junction:Tenants:1:Id"] = "globex",
            ["Junction:Tenants:1:Keys:0:Id"] = "globex-main",
            ["Junction:Tenants:1:Keys:0:Hash"] = ApiKeySecrets.Hash(GlobexKey),
        };
        foreach (var provider in new[] { "openai", "anthropic", "groq", "deepseek", "mistral" })
        {
            settings[$"Junction:Providers:{provider}:BaseUrl"] = Simulator.BaseUrl.ToString();
            settings[$"Junction:Providers:{provider}:ApiKey"] = PlantedProviderKey;
        }

        Gateway = await RunningGateway.StartAsync(settings, logs: Logs);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
