namespace Junction.Storage.RequestLogs;

/// <summary>
/// A search of one tenant's request log, newest first. The tenant is required: no query reads across tenants.
/// Filters left null match everything; <see cref="From"/> is inclusive, <see cref="To"/> exclusive.
/// </summary>
public sealed record RequestLogQuery
{
    public required string TenantId { get; init; }

    public string? KeyId { get; init; }

    public string? Model { get; init; }

    public string? Provider { get; init; }

    public RequestOutcome? Outcome { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    /// <summary>Records carrying this tag.</summary>
    public string? Tag { get; init; }

    /// <summary>Free text: records whose request id starts with it or whose model contains it (ASCII case-insensitive), at most <see cref="MaxSearchLength"/> characters.</summary>
    public string? Search { get; init; }

    /// <summary>Page size, 1 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 50;

    /// <summary>The <see cref="RequestLogPage.NextCursor"/> of the previous page; null for the first.</summary>
    public string? Cursor { get; init; }

    public const int MaxLimit = 500;

    public const int MaxSearchLength = 200;
}

/// <summary>One page of a search; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record RequestLogPage(IReadOnlyList<RequestLogRecord> Items, string? NextCursor);
