using Junction.Simulator.Pipeline;
using Junction.Simulator.Text;

namespace Junction.Simulator.Anthropic;

/// <summary>What the simulator needs from a <c>POST /v1/messages</c> body; everything else is ignored.</summary>
internal sealed class MessagesRequest : ISimulatedRequest
{
    public required string Model { get; init; }

    public bool Stream { get; init; }

    /// <summary><c>max_tokens</c>, which Anthropic requires.</summary>
    public int MaxTokens { get; init; }

    public int InputTokens { get; init; }

    int? ISimulatedRequest.MaxTokens => MaxTokens;

    /// <summary>Hash of the last user turn's text: the seed of the reply's words, as in the OpenAI dialect.</summary>
    public ulong UserTextHash { get; init; }

    /// <summary>The tool call to answer with, when the tools and <c>tool_choice</c> call for one.</summary>
    public ToolCall? ToolCall { get; init; }

    /// <summary><c>stop_sequences</c>.</summary>
    public IReadOnlyList<string> StopSequences { get; init; } = [];
}
