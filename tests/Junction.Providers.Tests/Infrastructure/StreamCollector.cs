using System.Text;
using Junction.Providers.Abstractions;

namespace Junction.Providers.Tests.Infrastructure;

/// <summary>Opens, reads, cuts and disposes provider streams the same way for every dialect's tests.</summary>
public static class StreamCollector
{
    public static async Task<List<StreamEvent>> ReadAllAsync(IProviderStream stream, CancellationToken cancellationToken = default)
    {
        var events = new List<StreamEvent>();
        await foreach (var item in stream.ReadAllAsync(cancellationToken))
        {
            events.Add(item);
        }

        return events;
    }

    /// <summary>Opens a stream that must open, and reads it to its end.</summary>
    public static async Task<List<StreamEvent>> OpenAndReadAllAsync(IProviderAdapter adapter, ProviderCall call)
    {
        var result = await adapter.OpenStreamAsync(call, CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.Message);
        await using var stream = result.Stream!;
        return await ReadAllAsync(stream);
    }

    /// <summary>
    /// Opens a stream and reads it to its end, releasing <paramref name="cut"/> (the server's signal to break the
    /// connection) once <paramref name="cutWhen"/> holds for the events read so far.
    /// </summary>
    public static async Task<List<StreamEvent>> ReadCuttingAsync(IProviderAdapter adapter, ProviderCall call, TaskCompletionSource cut,
        Func<List<StreamEvent>, bool> cutWhen)
    {
        var result = await adapter.OpenStreamAsync(call, CancellationToken.None);
        await using var stream = result.Stream!;
        var events = new List<StreamEvent>();
        await foreach (var e in stream.ReadAllAsync(CancellationToken.None))
        {
            events.Add(e);
            if (cutWhen(events))
            {
                cut.TrySetResult();
            }
        }

        return events;
    }

    /// <summary>Opens a stream on <paramref name="scenario"/>, disposes it mid-stream, and asserts the server saw the abort.</summary>
    public static async Task AssertDisposeAbortsUpstreamAsync(ReplayServer server, string scenario, IProviderAdapter adapter, ProviderCall call)
    {
        var result = await adapter.OpenStreamAsync(call, CancellationToken.None);
        await result.Stream!.DisposeAsync();

        var aborted = await server.WhenFinished(scenario).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(aborted);
    }

    /// <summary>The text deltas, joined.</summary>
    public static string Text(List<StreamEvent> events) =>
        string.Concat(events.Where(e => e.Kind == StreamEventKind.TextDelta).Select(e => e.Text));

    /// <summary>The tool calls the deltas build, in index order.</summary>
    public static List<(string Id, string Name, string Arguments)> ToolCalls(List<StreamEvent> events)
    {
        var calls = new SortedDictionary<int, (string Id, string Name, StringBuilder Arguments)>();
        foreach (var e in events)
        {
            if (e.Kind != StreamEventKind.ToolCallDelta)
            {
                continue;
            }

            if (!calls.TryGetValue(e.ToolCallIndex, out var call))
            {
                call = (e.ToolCallId!, e.ToolName!, new StringBuilder());
                calls[e.ToolCallIndex] = call;
            }

            call.Arguments.Append(e.Text);
        }

        return calls.Values.Select(c => (c.Id, c.Name, c.Arguments.ToString())).ToList();
    }
}
