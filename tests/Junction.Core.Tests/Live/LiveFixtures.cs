using Junction.Core.Catalog;
using Junction.Core.Fallback;
using Junction.Core.Live;

namespace Junction.Core.Tests.Live;

/// <summary>Models, states and observations for the live stats tests, each test owning its own.</summary>
internal static class LiveFixtures
{
    public static ModelEntry Model(
        string id = "alpha",
        string provider = "openai",
        double latencyMs = 1000,
        double ttftMs = 300,
        double tokensPerS = 80,
        double availability = 0.99) => new()
        {
            Id = id,
            Provider = provider,
            UpstreamModel = id,
            Family = id,
            Tier = "standard",
            Regions = ["eu", "us"],
            PriceIn = 1,
            PriceOut = 2,
            ContextWindow = 128_000,
            MaxOutput = 16_384,
            Capabilities = ModelCapabilities.Tools | ModelCapabilities.Streaming,
            BenchIntelligence = 0.5,
            OpenWeights = false,
            DataRetention = "30d",
            LatencyP50Ms = latencyMs,
            TtftP50Ms = ttftMs,
            TokensPerS = tokensPerS,
            Availability = availability,
            PriceSource = new SourceRef("https://example.com/pricing", "2026-01-01"),
            QualitySource = new SourceRef("https://example.com/quality", "2026-01-01"),
        };

    public static CatalogSnapshot CatalogOf(params ModelEntry[] models) => new("cat_000000000000", models);

    public static (LiveStatsState State, ManualTimeProvider Time) NewState(LiveStatsOptions? options = null)
    {
        var time = new ManualTimeProvider();
        return (new LiveStatsState(options ?? new LiveStatsOptions(), time), time);
    }

    public static AttemptObservation Ok(double latencyMs = 500, double? ttftMs = null, int tokens = 0, double? generationMs = null) =>
        AttemptObservation.Success(latencyMs, ttftMs, tokens, generationMs);

    public static AttemptObservation Fail(ErrorKind kind = ErrorKind.ServerError) => AttemptObservation.Failure(kind, 100);

    public static void RecordMany(LiveStatsState state, string model, AttemptObservation observation, int count)
    {
        for (var i = 0; i < count; i++)
        {
            state.Record(model, observation);
        }
    }

    /// <summary>Collects every transition the state reports, in order.</summary>
    public static List<CircuitTransition> Transitions(LiveStatsState state)
    {
        var list = new List<CircuitTransition>();
        state.CircuitChanged += (_, t) =>
        {
            lock (list)
            {
                list.Add(t);
            }
        };
        return list;
    }
}
