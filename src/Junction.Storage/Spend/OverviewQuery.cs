namespace Junction.Storage.Spend;

/// <summary>The width of an overview's time buckets, aligned to UTC.</summary>
public enum OverviewBucket
{
    Hour,
    Day,
}

/// <summary>What an overview's series are split by.</summary>
public enum OverviewDimension
{
    Tenant,
    Model,
    Provider,
}

/// <summary>
/// An overview of the request log over [<see cref="From"/>, <see cref="To"/>): totals, latency percentiles, spend and
/// requests per bucket split by <see cref="By"/>, and the top models and providers. <see cref="From"/> should be
/// aligned to a bucket (<see cref="UsageOverview.BucketStart"/>). With <see cref="TenantId"/> set it covers that tenant only.
/// </summary>
public sealed record OverviewQuery
{
    public string? TenantId { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public OverviewBucket Bucket { get; init; } = OverviewBucket.Day;

    public OverviewDimension By { get; init; } = OverviewDimension.Tenant;

    /// <summary>Series kept by spend (then requests); the rest are summed into one series named <see cref="UsageOverview.OtherSeries"/>.</summary>
    public int MaxSeries { get; init; } = 10;

    /// <summary>Rows of the top-models and top-providers lists.</summary>
    public int TopLimit { get; init; } = 10;

    /// <summary>The most buckets one overview may span (31 days of hours, about a year of days).</summary>
    public const int MaxBuckets = 744;
}

/// <summary>Aggregates the request log for dashboards.</summary>
public interface IOverviewReports
{
    /// <summary>The overview; <see cref="StoreStatus.Invalid"/> when the range is empty or spans more than <see cref="OverviewQuery.MaxBuckets"/>.</summary>
    Task<StoreResult<UsageOverview>> GetAsync(OverviewQuery query, CancellationToken cancellationToken = default);
}
