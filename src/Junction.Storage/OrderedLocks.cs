namespace Junction.Storage;

/// <summary>Something locked together with others of its kind; always in ascending <see cref="LockOrder"/>, so never in a cycle.</summary>
internal interface IOrderedLock
{
    long LockOrder { get; }
}

/// <summary>Takes the locks of several scopes at once without deadlock.</summary>
internal static class OrderedLocks
{
    /// <summary>Locks every item in ascending <see cref="IOrderedLock.LockOrder"/>; returns them in the order taken, for <see cref="ExitAll{T}"/>.</summary>
    public static T[] EnterAll<T>(T[] items)
        where T : class, IOrderedLock
    {
        var ordered = items;
        if (items.Length > 1)
        {
            ordered = (T[])items.Clone();
            Array.Sort(ordered, static (a, b) => a.LockOrder.CompareTo(b.LockOrder));
        }

        var taken = 0;
        try
        {
            for (; taken < ordered.Length; taken++)
            {
                Monitor.Enter(ordered[taken]);
            }
        }
        catch
        {
            for (var i = taken - 1; i >= 0; i--)
            {
                Monitor.Exit(ordered[i]);
            }

            throw;
        }

        return ordered;
    }

    public static void ExitAll<T>(T[] ordered)
        where T : class
    {
        for (var i = ordered.Length - 1; i >= 0; i--)
        {
            Monitor.Exit(ordered[i]);
        }
    }
}
