using Junction.Providers.Abstractions;

namespace Junction.Providers.Tests.Infrastructure;

/// <summary>Reads a provider stream to its end.</summary>
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
}
