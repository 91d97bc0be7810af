namespace Junction.Storage.Spend;

/// <summary>The answer of <see cref="IOverviewReports.GetAsync"/>. Spend is actual cost.</summary>
public sealed record UsageOverview(
    OverviewTotals Totals,
    IReadOnlyList<OverviewSeries> Series,
    IReadOnlyList<OverviewModelRow> TopModels,
    IReadOnlyList<OverviewProviderRow> TopProviders)
{
    /// <summary>The series that sums whatever <see cref="OverviewQuery.MaxSeries"/> left out.</summary>
    public const string OtherSeries = "(other)";

    /// <summary>The series name of requests without the dimension (a request denied before a model was chosen).</summary>
    public const string NoneSeries = "(none)";

    public static TimeSpan BucketWidth(OverviewBucket bucket) => bucket == OverviewBucket.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);

    /// <summary>The start of the bucket <paramref name="time"/> falls in (UTC).</summary>
    public static DateTimeOffset BucketStart(DateTimeOffset time, OverviewBucket bucket)
    {
        var utc = time.UtcDateTime;
        return bucket == OverviewBucket.Hour
            ? new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero)
            : new DateTimeOffset(utc.Date, TimeSpan.Zero);
    }
}

/// <summary>
/// Counts over the whole range. <see cref="Errors"/> are requests that failed (denied and cancelled ones are not
/// errors). Percentiles are nearest-rank over requests that have the measure; null when none do.
/// </summary>
public sealed record OverviewTotals(
    long Requests,
    long Errors,
    decimal SpendUsd,
    long PromptTokens,
    long CompletionTokens,
    double? LatencyP50Ms,
    double? LatencyP95Ms,
    double? TtftP50Ms,
    double? TtftP95Ms)
{
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;
}

/// <summary>One series: a point for every bucket of the range, zeros included, oldest first.</summary>
public sealed record OverviewSeries(string Name, IReadOnlyList<OverviewPoint> Points);

public readonly record struct OverviewPoint(DateTimeOffset Start, decimal SpendUsd, long Requests);

public sealed record OverviewModelRow(string Model, string? Provider, long Requests, decimal SpendUsd);

public sealed record OverviewProviderRow(string Provider, long Requests, decimal SpendUsd);
