namespace Junction.Core.Catalog;

/// <summary>Holds the current <see cref="CatalogSnapshot"/>; readers never lock, writers swap atomically.</summary>
public sealed class CatalogState(CatalogSnapshot initial)
{
    private CatalogSnapshot _current = initial;

    /// <summary>The snapshot in force now.</summary>
    public CatalogSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Replaces the snapshot; requests already routing keep the one they read.</summary>
    public void Swap(CatalogSnapshot next) => Volatile.Write(ref _current, next);
}
