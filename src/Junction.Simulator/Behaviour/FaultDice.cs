namespace Junction.Simulator.Behaviour;

/// <summary>Decides whether a fault with a rate below 1 hits this request; seedable so runs repeat.</summary>
internal sealed class FaultDice(int? seed)
{
    private readonly Random _random = seed is { } value ? new Random(value) : new Random();
    private readonly Lock _gate = new();

    public bool Hits(Fault fault)
    {
        if (fault.Rate >= 1)
        {
            return true;
        }
        if (fault.Rate <= 0)
        {
            return false;
        }
        lock (_gate)
        {
            return _random.NextDouble() < fault.Rate;
        }
    }
}
