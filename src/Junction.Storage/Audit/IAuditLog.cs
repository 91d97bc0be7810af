namespace Junction.Storage.Audit;

/// <summary>The append-only, hash-chained log of administrative changes.</summary>
public interface IAuditLog
{
    /// <summary>Appends an entry at the end of the chain and returns it as stored.</summary>
    Task<AuditEntry> AppendAsync(NewAuditEntry entry, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Walks the whole chain and reports the first edited, inserted or deleted row.</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default);
}
