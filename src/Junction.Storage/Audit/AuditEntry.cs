namespace Junction.Storage.Audit;

/// <summary>
/// An administrative change to record. Before and after are JSON of the changed object with every secret already
/// redacted by the caller; <see cref="TenantId"/> is the tenant the change concerns, so its admins can read it.
/// </summary>
public sealed record NewAuditEntry(string ActorKeyId, string Action, string Target, string? TenantId = null, string? BeforeJson = null, string? AfterJson = null);

/// <summary>A recorded change; <see cref="Hash"/> (hex) chains it to every row before it.</summary>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset At,
    string? TenantId,
    string ActorKeyId,
    string Action,
    string Target,
    string? BeforeJson,
    string? AfterJson,
    string Hash);

/// <summary>Newest-first listing of the audit log; a null filter matches everything.</summary>
public sealed record AuditQuery
{
    public string? TenantId { get; init; }

    public string? Target { get; init; }

    public string? ActorKeyId { get; init; }

    /// <summary>Only entries with a smaller id (the last id of the previous page).</summary>
    public long? BeforeId { get; init; }

    public int Limit { get; init; } = 100;
}

/// <summary>What <see cref="IAuditLog.VerifyAsync"/> found first.</summary>
public enum AuditProblem
{
    None,

    /// <summary>A row's content no longer hashes to its stored hash: it was edited.</summary>
    HashMismatch,

    /// <summary>A row's previous hash is not the hash of the row before it: a row was replaced, re-hashed or inserted.</summary>
    BrokenLink,

    /// <summary>Ids are not contiguous: the row with <see cref="AuditVerification.FirstBadId"/> was deleted.</summary>
    MissingRow,

    /// <summary>The chain's recorded head disagrees with its last row: rows were deleted off, or added to, the end.</summary>
    HeadMismatch,
}

/// <summary>The result of walking the chain. <see cref="HeadHash"/> (hex) may be kept elsewhere to detect a rewrite of the whole file later.</summary>
public sealed record AuditVerification(bool IsIntact, long RowsChecked, AuditProblem Problem, long? FirstBadId, string? Detail, string? HeadHash);
