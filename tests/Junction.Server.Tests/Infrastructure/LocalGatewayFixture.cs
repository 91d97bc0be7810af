namespace Junction.Server.Tests.Infrastructure;

/// <summary>
/// A gateway in local mode whose embedded simulator stands in for all six providers, each through its own
/// dialect's adapter, answering without delay.
/// </summary>
public sealed class LocalGatewayFixture : IAsyncLifetime
{
    public const string LocalKey = "jk_local_dev";

    /// <summary>One model per provider, by provider id.</summary>
    public static readonly IReadOnlyDictionary<string, string> ModelByProvider = new Dictionary<string, string>
    {
        ["openai"] = "gpt-4.1-mini",
        ["anthropic"] = "claude-haiku-4-5",
        ["google"] = "gemini-2.5-flash",
        ["groq"] = "llama-3.3-70b-versatile",
        ["deepseek"] = "deepseek-chat",
        ["mistral"] = "mistral-small-latest",
    };

    public RunningGateway Gateway { get; private set; } = null!;

    public static Dictionary<string, string?> Settings() => new()
    {
        ["Junction:Simulator:LatencyMs"] = "0",
        ["Junction:Simulator:TtftMs"] = "0",
        ["Junction:Simulator:TokensPerSecond"] = "0",
        ["Junction:Simulator:OutputTokens"] = "16",
    };

    public async Task InitializeAsync() => Gateway = await RunningGateway.StartAsync(Settings());

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}
