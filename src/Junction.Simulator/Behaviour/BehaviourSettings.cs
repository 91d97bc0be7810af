namespace Junction.Simulator.Behaviour;

/// <summary>The behaviour one request gets: its model's settings with any <c>x-sim-*</c> header overrides applied.</summary>
internal readonly record struct BehaviourSettings(int LatencyMs, int TtftMs, double TokensPerSecond, int OutputTokens, Fault? Fault)
{
    public static BehaviourSettings From(ModelBehaviour behaviour)
    {
        if (behaviour.LatencyMs < 0 || behaviour.TtftMs < 0 || behaviour.OutputTokens < 0 || double.IsNaN(behaviour.TokensPerSecond))
        {
            throw new ArgumentException("Simulator model behaviour: LatencyMs, TtftMs and OutputTokens must be 0 or more.", nameof(behaviour));
        }
        return new(behaviour.LatencyMs, behaviour.TtftMs, behaviour.TokensPerSecond, behaviour.OutputTokens, Fault.From(behaviour.Fault));
    }
}
