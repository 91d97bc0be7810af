using System.Collections.Immutable;

namespace Junction.Core.Catalog;

/// <summary>
/// One catalog entry as a file gives it: every field optional, so an operator's override can carry only the
/// fields it changes. Merged drafts become <see cref="ModelEntry"/> values once the last file is read.
/// </summary>
internal sealed class ModelDraft
{
    public required string Id { get; init; }

    /// <summary>The file and index that last wrote this entry; cross-field errors point there.</summary>
    public required string SourceName { get; set; }

    public required int Index { get; set; }

    public string? Provider { get; set; }

    /// <summary>Set when the file names the field; an explicit null restores the default (the id).</summary>
    public Optional<string?> UpstreamModel { get; set; }

    public string? Family { get; set; }

    public string? Tier { get; set; }

    public ImmutableArray<string>? Regions { get; set; }

    public double? PriceIn { get; set; }

    public double? PriceOut { get; set; }

    /// <summary>Set when the file names the field; an explicit null removes the cached price.</summary>
    public Optional<double?> PriceCachedIn { get; set; }

    public int? ContextWindow { get; set; }

    public int? MaxOutput { get; set; }

    public ModelCapabilities? Capabilities { get; set; }

    public double? BenchIntelligence { get; set; }

    public bool? OpenWeights { get; set; }

    public string? DataRetention { get; set; }

    public double? LatencyP50Ms { get; set; }

    public double? TtftP50Ms { get; set; }

    public double? TokensPerS { get; set; }

    public double? Availability { get; set; }

    public string? PriceSourceUrl { get; set; }

    public string? PriceSourceAsOf { get; set; }

    public string? QualitySourceUrl { get; set; }

    public string? QualitySourceAsOf { get; set; }

    /// <summary>Copies every field <paramref name="patch"/> gives over this draft's, leaving the others.</summary>
    public void Apply(ModelDraft patch)
    {
        SourceName = patch.SourceName;
        Index = patch.Index;
        Provider = patch.Provider ?? Provider;
        if (patch.UpstreamModel.IsSet)
        {
            UpstreamModel = patch.UpstreamModel;
        }

        Family = patch.Family ?? Family;
        Tier = patch.Tier ?? Tier;
        Regions = patch.Regions ?? Regions;
        PriceIn = patch.PriceIn ?? PriceIn;
        PriceOut = patch.PriceOut ?? PriceOut;
        if (patch.PriceCachedIn.IsSet)
        {
            PriceCachedIn = patch.PriceCachedIn;
        }

        ContextWindow = patch.ContextWindow ?? ContextWindow;
        MaxOutput = patch.MaxOutput ?? MaxOutput;
        Capabilities = patch.Capabilities ?? Capabilities;
        BenchIntelligence = patch.BenchIntelligence ?? BenchIntelligence;
        OpenWeights = patch.OpenWeights ?? OpenWeights;
        DataRetention = patch.DataRetention ?? DataRetention;
        LatencyP50Ms = patch.LatencyP50Ms ?? LatencyP50Ms;
        TtftP50Ms = patch.TtftP50Ms ?? TtftP50Ms;
        TokensPerS = patch.TokensPerS ?? TokensPerS;
        Availability = patch.Availability ?? Availability;
        PriceSourceUrl = patch.PriceSourceUrl ?? PriceSourceUrl;
        PriceSourceAsOf = patch.PriceSourceAsOf ?? PriceSourceAsOf;
        QualitySourceUrl = patch.QualitySourceUrl ?? QualitySourceUrl;
        QualitySourceAsOf = patch.QualitySourceAsOf ?? QualitySourceAsOf;
    }

    /// <summary>The finished entry; throws naming the first missing field or broken cross-field rule.</summary>
    public ModelEntry ToEntry()
    {
        var entry = new ModelEntry
        {
            Id = Id,
            Provider = Required(Provider, "provider"),
            UpstreamModel = UpstreamModel.Value ?? Id,
            Family = Required(Family, "family"),
            Tier = Required(Tier, "tier"),
            Regions = Required(Regions, "regions"),
            PriceIn = Required(PriceIn, "price_in"),
            PriceOut = Required(PriceOut, "price_out"),
            PriceCachedIn = PriceCachedIn.Value,
            ContextWindow = Required(ContextWindow, "context_window"),
            MaxOutput = Required(MaxOutput, "max_output"),
            Capabilities = Required(Capabilities, "capabilities"),
            BenchIntelligence = Required(BenchIntelligence, "bench_intelligence"),
            OpenWeights = Required(OpenWeights, "open_weights"),
            DataRetention = Required(DataRetention, "data_retention"),
            LatencyP50Ms = Required(LatencyP50Ms, "priors.latency_p50_ms"),
            TtftP50Ms = Required(TtftP50Ms, "priors.ttft_p50_ms"),
            TokensPerS = Required(TokensPerS, "priors.tokens_per_s"),
            Availability = Required(Availability, "priors.availability"),
            PriceSource = new SourceRef(Required(PriceSourceUrl, "price_source.url"), Required(PriceSourceAsOf, "price_source.as_of")),
            QualitySource = new SourceRef(Required(QualitySourceUrl, "quality_source.url"), Required(QualitySourceAsOf, "quality_source.as_of")),
        };

        if (entry.MaxOutput > entry.ContextWindow)
        {
            throw Error("max_output", $"must not exceed context_window ({entry.ContextWindow}), got {entry.MaxOutput}");
        }

        if (entry.TtftP50Ms > entry.LatencyP50Ms)
        {
            throw Error("priors.ttft_p50_ms", $"must not exceed priors.latency_p50_ms ({entry.LatencyP50Ms}), got {entry.TtftP50Ms}");
        }

        if (entry.PriceCachedIn > entry.PriceIn)
        {
            throw Error("price_cached_in", $"must not exceed price_in ({entry.PriceIn}), got {entry.PriceCachedIn}");
        }

        return entry;
    }

    public CatalogException Error(string field, string problem) => new(SourceName, Id, Index, field, problem);

    private T Required<T>(T? value, string field)
        where T : class =>
        value ?? throw Error(field, "required (a new id must give every required field)");

    private T Required<T>(T? value, string field)
        where T : struct =>
        value ?? throw Error(field, "required (a new id must give every required field)");
}

/// <summary>A value a file may give, give as null, or leave out.</summary>
internal readonly record struct Optional<T>(bool IsSet, T Value)
{
    public static Optional<T> Of(T value) => new(true, value);
}
