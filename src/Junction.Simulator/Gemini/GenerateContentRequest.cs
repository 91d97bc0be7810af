using Junction.Simulator.Pipeline;
using Junction.Simulator.Text;

namespace Junction.Simulator.Gemini;

/// <summary>What the simulator needs from a <c>generateContent</c> body; everything else is ignored.</summary>
internal sealed class GenerateContentRequest : ISimulatedRequest
{
    /// <summary>The model from the path (<c>models/{model}:generateContent</c>).</summary>
    public required string Model { get; init; }

    /// <summary>Whether the path's method was <c>streamGenerateContent</c>.</summary>
    public bool Stream { get; init; }

    /// <summary><c>generationConfig.maxOutputTokens</c>, when given.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Counted as the OpenAI dialect counts: the system instruction and each content is one message.</summary>
    public int PromptTokens { get; init; }

    /// <summary>Hash of the last user content's text: the seed of the reply's words.</summary>
    public ulong UserTextHash { get; init; }

    /// <summary>The function call to answer with, when the tools and <c>toolConfig</c> call for one.</summary>
    public ToolCall? ToolCall { get; init; }

    /// <summary><c>generationConfig.stopSequences</c>.</summary>
    public IReadOnlyList<string> StopSequences { get; init; } = [];
}
