using System.Collections.Concurrent;
using Junction.Simulator.Behaviour;
using Junction.Simulator.Text;

namespace Junction.Simulator;

/// <summary>The running simulator's shared state: frozen behaviour, clock, counters and the models seen so far.</summary>
internal sealed class SimulatorState
{
    private const int MaxRememberedModels = 1024;

    private readonly ConcurrentDictionary<string, byte> _seenModels = new(StringComparer.Ordinal);
    private readonly ulong _idNonce;
    private long _requestCount;
    private long _idSequence;
    private int _seenCount;

    public SimulatorState(SimulatorOptions options, TimeProvider time)
    {
        Time = time;
        Behaviours = new BehaviourTable(options);
        Dice = new FaultDice(options.Seed);
        RequiredApiKey = string.IsNullOrEmpty(options.RequiredApiKey) ? null : options.RequiredApiKey;
        StartedUnixSeconds = time.GetUtcNow().ToUnixTimeSeconds();
        _idNonce = options.Seed is { } seed ? (ulong)seed : (ulong)Random.Shared.NextInt64();
    }

    public TimeProvider Time { get; }

    public BehaviourTable Behaviours { get; }

    public FaultDice Dice { get; }

    public string? RequiredApiKey { get; }

    public long StartedUnixSeconds { get; }

    public long RequestCount => Interlocked.Read(ref _requestCount);

    public void CountRequest() => Interlocked.Increment(ref _requestCount);

    /// <summary>A fresh number for a response id; distinct within this run.</summary>
    public ulong NextResponseId() => TextHash.Mix(_idNonce + (ulong)Interlocked.Increment(ref _idSequence));

    /// <summary>Remembers a requested model for <c>GET /v1/models</c>, up to a bound so odd clients cannot grow it forever.</summary>
    public void NoteModel(string model)
    {
        if (_seenModels.ContainsKey(model) || Volatile.Read(ref _seenCount) >= MaxRememberedModels)
        {
            return;
        }
        if (_seenModels.TryAdd(model, 0))
        {
            Interlocked.Increment(ref _seenCount);
        }
    }

    /// <summary>Configured and requested model ids, sorted.</summary>
    public List<string> ModelIds()
    {
        var ids = new SortedSet<string>(Behaviours.ConfiguredModels, StringComparer.Ordinal);
        foreach (var model in _seenModels.Keys)
        {
            ids.Add(model);
        }
        return [.. ids];
    }
}
