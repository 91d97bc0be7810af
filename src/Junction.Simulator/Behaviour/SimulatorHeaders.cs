namespace Junction.Simulator.Behaviour;

/// <summary>Request headers that override a model's behaviour for one request.</summary>
internal static class SimulatorHeaders
{
    public const string Fault = "x-sim-fault";
    public const string LatencyMs = "x-sim-latency-ms";
    public const string TtftMs = "x-sim-ttft-ms";
    public const string TokensPerSecond = "x-sim-tps";
    public const string OutputTokens = "x-sim-output-tokens";
}
