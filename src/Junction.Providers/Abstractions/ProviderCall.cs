using Junction.Core.Catalog;
using Junction.Core.Requests;

namespace Junction.Providers.Abstractions;

/// <summary>One attempt against one model: the canonical request, the model chosen for it, and where to send it.</summary>
public sealed record ProviderCall(ChatRequest Request, ModelEntry Model, ProviderEndpoint Endpoint)
{
    /// <summary>
    /// How long this attempt may take before it fails as <see cref="Junction.Core.Fallback.ErrorKind.Timeout"/>
    /// (the policy's <c>attempt_timeout_ms</c>). For a non-streamed call it bounds the whole call; for a stream it
    /// bounds the time to the first event. <c>null</c> means only the HttpClient's own timeout applies.
    /// </summary>
    public TimeSpan? AttemptTimeout { get; init; }
}
