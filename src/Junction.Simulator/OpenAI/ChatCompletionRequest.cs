using Junction.Simulator.Pipeline;
using Junction.Simulator.Text;

namespace Junction.Simulator.OpenAI;

/// <summary>What the simulator needs from a <c>POST /v1/chat/completions</c> body; everything else is ignored.</summary>
internal sealed class ChatCompletionRequest : ISimulatedRequest
{
    public required string Model { get; init; }

    public bool Stream { get; init; }

    /// <summary><c>stream_options.include_usage</c>: end the stream with a usage chunk.</summary>
    public bool IncludeUsage { get; init; }

    /// <summary>The smaller of <c>max_tokens</c> and <c>max_completion_tokens</c>, when either is given.</summary>
    public int? MaxTokens { get; init; }

    public int PromptTokens { get; init; }

    /// <summary>Hash of the last user message's text: the seed of the reply's words.</summary>
    public ulong UserTextHash { get; init; }

    /// <summary>The tool call to answer with, when the tools and <c>tool_choice</c> call for one.</summary>
    public ToolCall? ToolCall { get; init; }

    /// <summary><c>stop</c> (one string or a list).</summary>
    public IReadOnlyList<string> StopSequences { get; init; } = [];
}
