using Junction.Core.Requests;
using Junction.Core.Tokens;

namespace Junction.Server.Routing;

/// <summary>
/// SEAM: a stand-in <see cref="ITokenEstimator"/> (about four UTF-16 characters per token, plus per-message
/// overhead) until the catalog's calibrated estimator is registered in its place.
/// </summary>
internal sealed class ApproximateTokenEstimator : ITokenEstimator
{
    private const int PerMessageOverhead = 4;

    public int EstimatePromptTokens(ChatRequest request)
    {
        var tokens = 3;
        foreach (var message in request.Messages)
        {
            tokens += PerMessageOverhead;
            foreach (var part in message.Content)
            {
                tokens += part.Kind == ContentPartKind.Text ? EstimateTextTokens(part.Text) : 85;
            }
        }

        foreach (var tool in request.Tools)
        {
            tokens += EstimateTextTokens(tool.Name) + EstimateTextTokens(tool.Description) + (tool.Parameters?.GetRawText().Length ?? 0) / 4;
        }

        return tokens;
    }

    public int EstimateTextTokens(ReadOnlySpan<char> text) => (text.Length + 3) / 4;
}
