using Junction.Core.Routing.Trace;
using Junction.Providers.Abstractions;
using Junction.Server.Ingress.OpenAI;
using Junction.Storage.Traces;

namespace Junction.Server.Pipeline;

/// <summary>
/// A non-streamed request's outcome, dialect-neutral: the completion with what served it, or the error to render
/// (its <see cref="ApiError.TraceJson"/> set when routing ran). <see cref="StoredTrace"/> is the recorded trace.
/// </summary>
internal sealed record PipelineResult(ChatCompletion? Completion, ServedInfo? Served, ApiError? Error)
{
    public StoredTrace? StoredTrace { get; init; }

    /// <summary>The trace as JSON: serialized on this first read (only surfaces that return the trace ask for it).</summary>
    public ReadOnlyMemory<byte> TraceJson => StoredTrace?.Json ?? Error?.TraceJson ?? default;

    public RouteTrace? Trace { get; init; }

    public double LatencyMs { get; init; }

    public bool IsSuccess => Completion is not null;

    public static PipelineResult Fail(ApiError error) => new(null, null, error);
}
