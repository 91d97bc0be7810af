using Junction.Core.Routing.Trace;
using Junction.Providers.Abstractions;
using Junction.Server.Ingress.OpenAI;

namespace Junction.Server.Pipeline;

/// <summary>
/// A non-streamed request's outcome, dialect-neutral: the completion with what served it, or the error to render
/// (its <see cref="ApiError.TraceJson"/> set when routing ran). <see cref="TraceJson"/> is the stored trace.
/// </summary>
internal sealed record PipelineResult(ChatCompletion? Completion, ServedInfo? Served, ApiError? Error)
{
    public ReadOnlyMemory<byte> TraceJson { get; init; }

    public RouteTrace? Trace { get; init; }

    public double LatencyMs { get; init; }

    public bool IsSuccess => Completion is not null;

    public static PipelineResult Fail(ApiError error) => new(null, null, error) { TraceJson = error.TraceJson };
}
