namespace Junction.Providers.Http;

/// <summary>
/// The cancellation of one provider attempt: the caller's token, the attempt timeout and our own abort (a disposed
/// stream), linked into one token. When it fires and <see cref="Caller"/> has not, the attempt failed; otherwise the
/// caller left.
/// </summary>
internal sealed class AttemptScope : IDisposable
{
    private readonly CancellationTokenSource? _timeout;
    private readonly CancellationTokenSource _linked;

    public AttemptScope(TimeSpan? timeout, TimeProvider timeProvider, CancellationToken caller)
    {
        Caller = caller;
        if (timeout is { } limit && limit > TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan)
        {
            _timeout = new CancellationTokenSource(limit, timeProvider);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(caller, _timeout.Token);
        }
        else
        {
            _linked = CancellationTokenSource.CreateLinkedTokenSource(caller);
        }
    }

    /// <summary>The caller's own token: when it fires, the caller left and cancellation must propagate.</summary>
    public CancellationToken Caller { get; }

    public CancellationToken Token => _linked.Token;

    /// <summary>Stops the attempt timer (a stream delivered its first event); false if it already fired.</summary>
    public bool Disarm()
    {
        if (_timeout is null)
        {
            return true;
        }

        _timeout.CancelAfter(Timeout.InfiniteTimeSpan);
        return !_timeout.IsCancellationRequested;
    }

    /// <summary>Aborts whatever is in flight under <see cref="Token"/>.</summary>
    public void Abort() => _linked.Cancel();

    public void Dispose()
    {
        _linked.Dispose();
        _timeout?.Dispose();
    }
}
