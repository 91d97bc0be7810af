using Junction.Core.Catalog;
using Junction.Core.Requests;

namespace Junction.Providers.Abstractions;

/// <summary>One attempt against one model: the canonical request, the model chosen for it, and where to send it.</summary>
public sealed record ProviderCall(ChatRequest Request, ModelEntry Model, ProviderEndpoint Endpoint);
