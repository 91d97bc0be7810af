using Junction.Core.Requests;

namespace Junction.Core.Tokens;

/// <summary>Estimates how many tokens a prompt will bill, before any provider has counted them.</summary>
public interface ITokenEstimator
{
    /// <summary>Estimated prompt tokens of a whole request: messages, tool definitions and per-message overhead.</summary>
    int EstimatePromptTokens(ChatRequest request);

    /// <summary>Estimated tokens of one text.</summary>
    int EstimateTextTokens(ReadOnlySpan<char> text);
}
