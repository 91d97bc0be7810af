namespace Junction.Simulator.Behaviour;

/// <summary>
/// Paces streamed tokens at a rate measured from the first token, so a late timer is caught up by the next
/// tokens instead of slowing the whole stream.
/// </summary>
internal readonly struct TokenPacer(TimeProvider time, double tokensPerSecond)
{
    private readonly long _start = time.GetTimestamp();

    /// <summary>Waits until token <paramref name="index"/> (0 is the first token, sent at once) is due.</summary>
    public Task WaitForTokenAsync(int index, CancellationToken cancellationToken)
    {
        if (tokensPerSecond <= 0 || index <= 0)
        {
            return Task.CompletedTask;
        }
        var due = TimeSpan.FromSeconds(index / tokensPerSecond);
        var wait = due - time.GetElapsedTime(_start);
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Waits a fixed number of milliseconds; 0 returns at once.</summary>
    public static Task DelayAsync(int milliseconds, TimeProvider time, CancellationToken cancellationToken) =>
        milliseconds > 0 ? Task.Delay(TimeSpan.FromMilliseconds(milliseconds), time, cancellationToken) : Task.CompletedTask;
}
