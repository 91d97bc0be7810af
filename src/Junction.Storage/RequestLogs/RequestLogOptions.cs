namespace Junction.Storage.RequestLogs;

/// <summary>Tuning of the request log pipeline (<c>Junction:Storage:RequestLog</c>).</summary>
public sealed class RequestLogOptions
{
    /// <summary>Records the queue holds before writers wait.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Most records committed in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>
    /// How long the writer lingers for a fuller batch after the first record of one arrives. Short on purpose:
    /// records waiting here are alive when a garbage collection runs, and 50 ms of them (with their traces) doubled
    /// every pause under load; under load batches fill from the backlog anyway.
    /// </summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How long <see cref="IRequestLogWriter.WriteAsync"/> waits for room before dropping (back-pressure, bounded).</summary>
    public TimeSpan FullQueueWait { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Attempts per batch before its records are counted as failed.</summary>
    public int MaxWriteAttempts { get; set; } = 3;

    /// <summary>
    /// How long records (with their traces and bodies) are kept; older ones are deleted hourly. Zero keeps them
    /// forever. Spend reports read the log, so they reach back this far; budgets are kept apart and not affected.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);
}
