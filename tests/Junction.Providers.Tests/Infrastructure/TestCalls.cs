using System.Collections.Immutable;
using Junction.Core.Catalog;
using Junction.Core.Requests;
using Junction.Providers.Abstractions;

namespace Junction.Providers.Tests.Infrastructure;

/// <summary>Builds calls for the adapter tests.</summary>
public static class TestCalls
{
    public static ModelEntry Model(string upstream = "gpt-4o-mini", string provider = "openai") => new()
    {
        Id = upstream,
        Provider = provider,
        UpstreamModel = upstream,
        Family = "test",
        Tier = "small",
        Regions = ImmutableArray.Create("us"),
        PriceIn = 0.15,
        PriceOut = 0.6,
        ContextWindow = 128_000,
        MaxOutput = 16_384,
        Capabilities = ModelCapabilities.Tools | ModelCapabilities.Streaming,
        BenchIntelligence = 0.5,
        OpenWeights = false,
        DataRetention = "30d",
        LatencyP50Ms = 500,
        TtftP50Ms = 300,
        TokensPerS = 80,
        Availability = 0.999,
        PriceSource = new SourceRef("https://example.test/prices", "2025-01-01"),
        QualitySource = new SourceRef("https://example.test/quality", "2025-01-01"),
    };

    public static ChatRequest Hello(bool stream = false)
    {
        var request = new ChatRequest { Model = "auto", Stream = stream, MaxTokens = 64 };
        var message = new ChatMessage { Role = ChatRole.User };
        message.Content.Add(ContentPart.FromText("Hello!"));
        request.Messages.Add(message);
        return request;
    }

    public static ProviderCall Call(Uri baseUrl, string? apiKey = "sk-test-key-0000", string provider = "openai", bool stream = false, TimeSpan? attemptTimeout = null) =>
        new(Hello(stream), Model(provider: provider), new ProviderEndpoint(provider, baseUrl, apiKey))
        {
            AttemptTimeout = attemptTimeout,
        };
}
