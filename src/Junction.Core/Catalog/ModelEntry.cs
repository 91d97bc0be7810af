using System.Collections.Immutable;

namespace Junction.Core.Catalog;

/// <summary>Where a published figure (a price, a quality score) comes from, and as of when.</summary>
public sealed record SourceRef(string Url, string AsOf);

/// <summary>
/// One routable model as the catalog describes it: static facts and the priors that seed its live stats.
/// Immutable; a catalog change produces a new <see cref="CatalogSnapshot"/>.
/// </summary>
public sealed record ModelEntry
{
    /// <summary>Catalog-wide unique id, the value of the policy field <c>model</c> (e.g. <c>gpt-4.1-mini</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Provider id: <c>openai</c>, <c>anthropic</c>, <c>google</c>, <c>groq</c>, <c>deepseek</c>, <c>mistral</c>, ...</summary>
    public required string Provider { get; init; }

    /// <summary>The model name sent to the provider's API; defaults to <see cref="Id"/>.</summary>
    public required string UpstreamModel { get; init; }

    public required string Family { get; init; }

    /// <summary>A coarse size class: <c>frontier</c>, <c>standard</c>, <c>small</c>.</summary>
    public required string Tier { get; init; }

    /// <summary>Regions that serve the model (e.g. <c>us</c>, <c>eu</c>, <c>global</c>), sorted, distinct.</summary>
    public required ImmutableArray<string> Regions { get; init; }

    /// <summary>USD per 1M input tokens.</summary>
    public required double PriceIn { get; init; }

    /// <summary>USD per 1M output tokens.</summary>
    public required double PriceOut { get; init; }

    /// <summary>USD per 1M cached input tokens, where the provider publishes one.</summary>
    public double? PriceCachedIn { get; init; }

    public required int ContextWindow { get; init; }

    public required int MaxOutput { get; init; }

    public required ModelCapabilities Capabilities { get; init; }

    /// <summary>Quality index in 0..1, from <see cref="QualitySource"/>.</summary>
    public required double BenchIntelligence { get; init; }

    public required bool OpenWeights { get; init; }

    /// <summary>How long the provider retains request data by default: <c>zero</c>, <c>30d</c>, ...</summary>
    public required string DataRetention { get; init; }

    /// <summary>Prior for median end-to-end latency of a typical short request, in ms.</summary>
    public required double LatencyP50Ms { get; init; }

    /// <summary>Prior for median time to first token, in ms.</summary>
    public required double TtftP50Ms { get; init; }

    /// <summary>Prior for output tokens per second once streaming.</summary>
    public required double TokensPerS { get; init; }

    /// <summary>Prior for availability in 0..1.</summary>
    public required double Availability { get; init; }

    public required SourceRef PriceSource { get; init; }

    public required SourceRef QualitySource { get; init; }
}
