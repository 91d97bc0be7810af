namespace Junction.Simulator.Text;

/// <summary>Why a simulated reply ended; each dialect spells it its own way.</summary>
internal enum FinishReason
{
    Stop,
    Length,
    ToolCalls,
}
