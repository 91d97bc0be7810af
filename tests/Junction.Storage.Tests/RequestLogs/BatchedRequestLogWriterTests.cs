using Junction.Storage.RequestLogs;

namespace Junction.Storage.Tests.RequestLogs;

public sealed class BatchedRequestLogWriterTests
{
    /// <summary>A sink that blocks until released and can fail a set number of times; records what it was given.</summary>
    private sealed class ScriptedSink : IRequestLogBatchSink
    {
        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int FailuresLeft { get; set; }

        public List<int> BatchSizes { get; } = [];

        public int Calls;

        public async Task<int> WriteBatchAsync(IReadOnlyList<RequestLogRecord> batch, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            await Gate.Task.WaitAsync(cancellationToken);
            if (FailuresLeft-- > 0)
            {
                throw new IOException("disk full");
            }

            lock (BatchSizes)
            {
                BatchSizes.Add(batch.Count);
            }

            return batch.Count;
        }
    }

    [Fact]
    public async Task WriteAsync_QueueFull_WaitsBrieflyThenDropsAndCounts()
    {
        var sink = new ScriptedSink();
        await using var writer = new BatchedRequestLogWriter(sink, new RequestLogOptions
        {
            QueueCapacity = 4,
            MaxBatchSize = 1,
            MaxBatchDelay = TimeSpan.Zero,
            FullQueueWait = TimeSpan.FromMilliseconds(20),
        });

        // One record is taken by the blocked sink, four fill the queue, the sixth has no room.
        var accepted = 0;
        for (var i = 0; i < 6; i++)
        {
            if (await writer.WriteAsync(RequestLogRecords.Make($"r{i}")))
            {
                accepted++;
            }

            SpinWait.SpinUntil(() => Volatile.Read(ref sink.Calls) > 0, TimeSpan.FromSeconds(5));
        }

        Assert.Equal(5, accepted);
        Assert.Equal(1, writer.Stats.Dropped);
        sink.Gate.SetResult();
        await writer.DrainAsync();
        Assert.Equal(new RequestLogWriterStats(5, 5, 1, 0, 0), writer.Stats);
    }

    [Fact]
    public async Task FindPending_RecordUntilItsBatchIsWritten_ForItsTenantOnly()
    {
        var sink = new ScriptedSink();
        await using var writer = new BatchedRequestLogWriter(sink, new RequestLogOptions { MaxBatchDelay = TimeSpan.Zero });
        var record = RequestLogRecords.Make("trc_1", tenant: "acme");

        await writer.WriteAsync(record);

        Assert.Same(record, writer.FindPending("acme", "trc_1"));
        Assert.Null(writer.FindPending("globex", "trc_1"));
        Assert.Null(writer.FindPending("acme", "trc_2"));
        sink.Gate.SetResult();
        await writer.FlushAsync();
        Assert.Null(writer.FindPending("acme", "trc_1"));
    }

    [Fact]
    public async Task FindPending_DroppedRecord_IsForgotten()
    {
        var sink = new ScriptedSink();
        await using var writer = new BatchedRequestLogWriter(sink, new RequestLogOptions
        {
            QueueCapacity = 1,
            MaxBatchSize = 1,
            MaxBatchDelay = TimeSpan.Zero,
            FullQueueWait = TimeSpan.FromMilliseconds(20),
        });
        await writer.WriteAsync(RequestLogRecords.Make("r0"));
        SpinWait.SpinUntil(() => Volatile.Read(ref sink.Calls) > 0, TimeSpan.FromSeconds(5));
        await writer.WriteAsync(RequestLogRecords.Make("r1"));

        Assert.False(await writer.WriteAsync(RequestLogRecords.Make("r2")));

        Assert.Null(writer.FindPending("acme", "r2"));
        Assert.NotNull(writer.FindPending("acme", "r1"));
        sink.Gate.SetResult();
    }

    [Fact]
    public async Task FlushAsync_SinkFailsOnce_RetriesAndWritesEverything()
    {
        var sink = new ScriptedSink { FailuresLeft = 1 };
        sink.Gate.SetResult();
        await using var writer = new BatchedRequestLogWriter(sink, new RequestLogOptions { MaxBatchDelay = TimeSpan.Zero });

        for (var i = 0; i < 10; i++)
        {
            await writer.WriteAsync(RequestLogRecords.Make($"r{i}"));
        }

        await writer.FlushAsync();

        Assert.Equal(10, writer.Stats.Written);
        Assert.Equal(0, writer.Stats.Failed);
        Assert.Equal(10, sink.BatchSizes.Sum());
    }

    [Fact]
    public async Task FlushAsync_SinkAlwaysFails_CountsRecordsAsFailed()
    {
        var sink = new ScriptedSink { FailuresLeft = int.MaxValue };
        sink.Gate.SetResult();
        await using var writer = new BatchedRequestLogWriter(sink, new RequestLogOptions { MaxBatchDelay = TimeSpan.Zero, MaxWriteAttempts = 2 });

        await writer.WriteAsync(RequestLogRecords.Make("r"));
        await writer.FlushAsync();

        Assert.Equal(new RequestLogWriterStats(1, 0, 0, 1, 0), writer.Stats);
    }

    [Fact]
    public async Task WriteAsync_Burst_IsCommittedInBatchesNoLargerThanTheMaximum()
    {
        var sink = new ScriptedSink();
        await using var writer = new BatchedRequestLogWriter(sink, new RequestLogOptions { MaxBatchSize = 50, MaxBatchDelay = TimeSpan.FromMilliseconds(5) });
        for (var i = 0; i < 300; i++)
        {
            await writer.WriteAsync(RequestLogRecords.Make($"r{i}"));
        }

        sink.Gate.SetResult();
        await writer.FlushAsync();

        Assert.Equal(300, sink.BatchSizes.Sum());
        Assert.All(sink.BatchSizes, size => Assert.InRange(size, 1, 50));
        Assert.True(sink.BatchSizes.Count <= 10, $"{sink.BatchSizes.Count} batches");
    }
}
