namespace Junction.Providers.Tests.Infrastructure;

/// <summary>What the replay server answers for one scenario: status, headers, then body steps in order.</summary>
public sealed class ReplayScript
{
    public int Status { get; init; } = 200;

    public string ContentType { get; init; } = "application/json";

    public Dictionary<string, string> Headers { get; init; } = [];

    /// <summary>Held before the status line is sent (a provider that never answers).</summary>
    public TimeSpan HeadersDelay { get; init; }

    public List<ReplayStep> Steps { get; init; } = [];

    public static ReplayScript Json(int status, byte[] body, Dictionary<string, string>? headers = null) =>
        new() { Status = status, Headers = headers ?? [], Steps = [ReplayStep.Write(body)] };

    /// <summary>An SSE body sent one recorded event per write, flushed, so the client sees it arrive in pieces.</summary>
    public static ReplayScript EventStream(byte[] body, params ReplayStep[] after)
    {
        var steps = new List<ReplayStep>();
        var start = 0;
        for (var i = 0; i + 1 < body.Length; i++)
        {
            if (body[i] == (byte)'\n' && body[i + 1] == (byte)'\n')
            {
                steps.Add(ReplayStep.Write(body[start..(i + 2)]));
                start = i + 2;
            }
        }

        if (start < body.Length)
        {
            steps.Add(ReplayStep.Write(body[start..]));
        }

        steps.AddRange(after);
        return new ReplayScript { ContentType = "text/event-stream", Steps = steps };
    }
}

/// <summary>One body step: write bytes, wait (a time or a signal from the test), or drop the connection.</summary>
public sealed record ReplayStep(byte[]? Bytes, TimeSpan Delay, bool Abort, Task? Signal = null)
{
    public static ReplayStep Write(byte[] bytes) => new(bytes, TimeSpan.Zero, false);

    public static ReplayStep Wait(TimeSpan delay) => new(null, delay, false);

    /// <summary>Holds the response until the test says go, so a cut lands exactly where the test wants it.</summary>
    public static ReplayStep WaitFor(Task signal) => new(null, TimeSpan.Zero, false, signal);

    public static ReplayStep AbortConnection() => new(null, TimeSpan.Zero, true);
}

/// <summary>What the replay server received.</summary>
public sealed record RecordedRequest(string Path, string? Authorization, string? Accept, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The query string as received, with its <c>?</c>; empty when there was none.</summary>
    public string Query { get; init; } = string.Empty;
}
