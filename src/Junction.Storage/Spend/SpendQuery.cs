namespace Junction.Storage.Spend;

/// <summary>The dimensions a spend report is broken down by; combine them.</summary>
[Flags]
public enum SpendGrouping
{
    None = 0,
    Tenant = 1,
    Key = 2,
    Model = 4,
    Provider = 8,

    /// <summary>A request with several tags counts once under each; untagged requests have a null tag.</summary>
    Tag = 16,

    /// <summary>By UTC day.</summary>
    Day = 32,
}

/// <summary>
/// A spend report over [<see cref="From"/>, <see cref="To"/>). With <see cref="TenantId"/> set it covers that tenant
/// only (what a tenant admin may ask); null covers every tenant (the platform admin's report).
/// </summary>
public sealed record SpendQuery
{
    public string? TenantId { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public SpendGrouping GroupBy { get; init; } = SpendGrouping.None;
}

/// <summary>One line of a report: the grouped dimensions (null where not grouped) and the totals.</summary>
public sealed record SpendRow(
    string? TenantId,
    string? KeyId,
    string? Model,
    string? Provider,
    string? Tag,
    DateOnly? Day,
    long Requests,
    long PromptTokens,
    long CompletionTokens,
    long CachedTokens,
    decimal CostUsd,
    decimal EstimatedCostUsd);

/// <summary>Aggregates the request log: actual cost, tokens and requests.</summary>
public interface ISpendReports
{
    /// <summary>Rows ordered by the grouped dimensions (day first when grouped by day).</summary>
    Task<IReadOnlyList<SpendRow>> GetAsync(SpendQuery query, CancellationToken cancellationToken = default);
}
