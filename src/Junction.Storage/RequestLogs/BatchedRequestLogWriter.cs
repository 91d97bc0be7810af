using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Junction.Storage.RequestLogs;

/// <summary>
/// The request log pipeline: a bounded channel, one background reader that gathers up to
/// <see cref="RequestLogOptions.MaxBatchSize"/> records (lingering at most <see cref="RequestLogOptions.MaxBatchDelay"/>
/// for more) and commits each batch in one transaction, retrying a failed batch before counting it lost.
/// </summary>
internal sealed class BatchedRequestLogWriter : IRequestLogWriter
{
    private readonly Channel<RequestLogRecord> _channel;

    // Records from acceptance until their batch is settled: short-lived, so the garbage collector finds them dead
    // young, where a ring of recent traces kept every trace alive into the oldest generation.
    private readonly ConcurrentDictionary<string, RequestLogRecord> _pending = new(StringComparer.Ordinal);
    private readonly IRequestLogBatchSink _sink;
    private readonly RequestLogOptions _options;
    private readonly Task _loop;
    private readonly CancellationTokenSource _abort = new();
    private TaskCompletionSource _batchDone = NewSignal();
    private long _accepted;
    private long _written;
    private long _dropped;
    private long _failed;
    private long _settled;

    public BatchedRequestLogWriter(IRequestLogBatchSink sink, RequestLogOptions options)
    {
        _sink = sink;
        _options = options;
        _channel = Channel.CreateBounded<RequestLogRecord>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _loop = Task.Run(RunAsync);
    }

    public RequestLogWriterStats Stats => new(
        Interlocked.Read(ref _accepted),
        Interlocked.Read(ref _written),
        Interlocked.Read(ref _dropped),
        Interlocked.Read(ref _failed),
        _channel.Reader.Count);

    public ValueTask<bool> WriteAsync(RequestLogRecord record, CancellationToken cancellationToken = default)
    {
        // Pending before it is queued: the writer may commit it, and forget it, before TryWrite returns.
        _pending[record.Id] = record;
        if (_channel.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _accepted);
            return new(true);
        }

        return WaitForRoomAsync(record, cancellationToken);
    }

    public RequestLogRecord? FindPending(string tenantId, string id) =>
        _pending.TryGetValue(id, out var record) && string.Equals(record.TenantId, tenantId, StringComparison.Ordinal) ? record : null;

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _accepted);
        while (Interlocked.Read(ref _settled) < target && !_loop.IsCompleted)
        {
            var signal = Volatile.Read(ref _batchDone).Task;
            if (Interlocked.Read(ref _settled) >= target)
            {
                break;
            }

            await Task.WhenAny(signal, _loop).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        _channel.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Out of time: stop retrying; what is still queued is counted as failed by the loop.
            await _abort.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DrainAsync().ConfigureAwait(false);
        _abort.Dispose();
    }

    private async ValueTask<bool> WaitForRoomAsync(RequestLogRecord record, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(_options.FullQueueWait);
        try
        {
            await _channel.Writer.WriteAsync(record, wait.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _accepted);
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            _pending.TryRemove(new KeyValuePair<string, RequestLogRecord>(record.Id, record));
            Interlocked.Increment(ref _dropped);
            return false;
        }
    }

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        var batch = new List<RequestLogRecord>(_options.MaxBatchSize);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await GatherAsync(reader, batch).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                continue;
            }

            await CommitAsync(batch).ConfigureAwait(false);
            batch.Clear();
            Interlocked.Exchange(ref _batchDone, NewSignal()).TrySetResult();
        }

        Interlocked.Exchange(ref _batchDone, NewSignal()).TrySetResult();
    }

    private async Task GatherAsync(ChannelReader<RequestLogRecord> reader, List<RequestLogRecord> batch)
    {
        using var linger = new CancellationTokenSource(_options.MaxBatchDelay);
        while (batch.Count < _options.MaxBatchSize)
        {
            if (reader.TryRead(out var record))
            {
                batch.Add(record);
                continue;
            }

            if (_options.MaxBatchDelay <= TimeSpan.Zero || linger.IsCancellationRequested || reader.Completion.IsCompleted)
            {
                return;
            }

            // Awaited without throwing: the linger ends this way a few hundred times a second under light load.
            var more = reader.WaitToReadAsync(linger.Token).AsTask();
            await ((Task)more).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!more.IsCompletedSuccessfully || !more.Result)
            {
                return;
            }
        }
    }

    private async Task CommitAsync(List<RequestLogRecord> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var inserted = await _sink.WriteBatchAsync(batch, _abort.Token).ConfigureAwait(false);
                Interlocked.Add(ref _written, inserted);
                Interlocked.Add(ref _failed, batch.Count - inserted);
                break;
            }
            catch (Exception) when (attempt < _options.MaxWriteAttempts && !_abort.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt * attempt), _abort.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
            catch (Exception)
            {
                Interlocked.Add(ref _failed, batch.Count);
                break;
            }
        }

        // Committed (or given up on): readers find these in the database now, or not at all.
        foreach (var record in batch)
        {
            _pending.TryRemove(new KeyValuePair<string, RequestLogRecord>(record.Id, record));
        }

        Interlocked.Add(ref _settled, batch.Count);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
