using Junction.Core.Catalog;

namespace Junction.Core.Routing;

/// <summary>What routing needs to know about one request; everything else about it is irrelevant to the decision.</summary>
/// <param name="EstPromptTokens">Estimated prompt tokens (see <c>ITokenEstimator</c>).</param>
/// <param name="MaxTokens">The caller's <c>max_tokens</c>, if set: bounds output and is part of <c>fits</c>.</param>
/// <param name="Needs">Capabilities the request uses (tools, vision, json_schema, streaming).</param>
/// <param name="StickyKey">Key that keeps a caller on one arm of a <c>split</c> (the OpenAI <c>user</c>, or a request key).</param>
public readonly record struct RouteRequest(int EstPromptTokens, int? MaxTokens, ModelCapabilities Needs, string? StickyKey = null);
