namespace Junction.Simulator.Behaviour;

/// <summary>What an injected fault does to a request.</summary>
internal enum FaultKind
{
    None,
    Status,
    Timeout,
    Drop,
    CutAfter,
    ErrorEventAfter,
}
