namespace Junction.Core.Catalog;

/// <summary>Holds the current <see cref="CatalogSnapshot"/>; readers never lock, writers swap atomically.</summary>
public sealed class CatalogState(CatalogSnapshot initial)
{
    private CatalogSnapshot _current = initial;

    /// <summary>The snapshot in force now.</summary>
    public CatalogSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Replaces the snapshot; requests already routing keep the one they read.</summary>
    public void Swap(CatalogSnapshot next) => Volatile.Write(ref _current, next);

    /// <summary>
    /// Replaces the snapshot only if <paramref name="expected"/> is still the current one; false when another
    /// writer swapped first (a stats publisher must not overwrite a catalog reload with the old prices).
    /// </summary>
    public bool TrySwap(CatalogSnapshot expected, CatalogSnapshot next) =>
        ReferenceEquals(Interlocked.CompareExchange(ref _current, next, expected), expected);
}
