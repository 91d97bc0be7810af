namespace Junction.Storage;

/// <summary>
/// A counter the stores advance after every committed change to tenants or keys; caches compare it to the
/// value they read before loading, so a revoked key is never served from a cache once the revoke returned.
/// The embedded store has one process, so a field is enough; the scale-out store publishes it between replicas.
/// </summary>
internal sealed class ChangeGeneration
{
    private long _value;

    public long Current => Volatile.Read(ref _value);

    public void Advance() => Interlocked.Increment(ref _value);
}
