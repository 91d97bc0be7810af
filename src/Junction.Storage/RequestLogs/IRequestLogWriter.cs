namespace Junction.Storage.RequestLogs;

/// <summary>
/// Takes request records off the response path: a bounded queue in front of a background writer that commits
/// them in batches. Nothing is lost silently: a record refused (queue full past the wait, or writer stopped) or
/// whose batch could not be written is counted in <see cref="Stats"/>.
/// </summary>
public interface IRequestLogWriter : IAsyncDisposable
{
    /// <summary>
    /// Queues a record. Completes at once while the queue has room; when it is full, waits at most
    /// <see cref="RequestLogOptions.FullQueueWait"/>, then drops the record and returns false.
    /// </summary>
    ValueTask<bool> WriteAsync(RequestLogRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// A record of <paramref name="tenantId"/> accepted but not yet committed, so a request's record (and its trace)
    /// can be read the moment its response is sent; null once it is in the database, or when there is none.
    /// </summary>
    RequestLogRecord? FindPending(string tenantId, string id);

    /// <summary>Waits until every record accepted before the call has been written (or counted as failed).</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops accepting records, writes every queued one, and ends the background writer. Call on graceful shutdown.</summary>
    Task DrainAsync(CancellationToken cancellationToken = default);

    RequestLogWriterStats Stats { get; }
}

/// <summary>Counters of the request log pipeline, for metrics.</summary>
/// <param name="Accepted">Records queued.</param>
/// <param name="Written">Records committed to the database.</param>
/// <param name="Dropped">Records refused: the queue stayed full past the wait, or the writer had stopped.</param>
/// <param name="Failed">Records whose batch failed every retry, or whose id was already logged.</param>
/// <param name="Queued">Records waiting now.</param>
public readonly record struct RequestLogWriterStats(long Accepted, long Written, long Dropped, long Failed, int Queued);
