namespace Junction.Storage.RequestLogs;

/// <summary>Commits one batch of records in one transaction; what a database gives the batching writer.</summary>
internal interface IRequestLogBatchSink
{
    /// <summary>Writes the batch; returns how many were new (a record whose id is already logged is skipped).</summary>
    Task<int> WriteBatchAsync(IReadOnlyList<RequestLogRecord> batch, CancellationToken cancellationToken);
}
