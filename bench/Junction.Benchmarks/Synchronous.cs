namespace Junction.Benchmarks;

/// <summary>
/// Results of production async methods that complete synchronously over in-memory input (a whole body in one
/// sequence, a body writer that never waits); anything else would mean the benchmark measures a wait.
/// </summary>
internal static class Synchronous
{
    public static T Result<T>(ValueTask<T> task) =>
        task.IsCompletedSuccessfully ? task.Result : throw new InvalidOperationException("Expected a synchronous completion.");

    public static void Complete(ValueTask task)
    {
        if (!task.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException("Expected a synchronous completion.");
        }
    }
}
