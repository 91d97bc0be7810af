using Junction.Core.Routing;
using Junction.Providers.Abstractions;
using Junction.Server.Upstreams;

namespace Junction.Server.Pipeline;

/// <summary>
/// How the fallback cascade ended: the candidate that answered with its upstream (and, for a stream, the open
/// stream), or the last classified error when every attempt failed.
/// </summary>
internal readonly record struct ExecutionResult(
    RankedCandidate? Served,
    Upstream? Upstream,
    ChatCompletion? Completion,
    IProviderStream? Stream,
    ProviderError? LastError,
    long AttemptStarted = 0)
{
    public bool IsSuccess => Served is not null;
}
