using Junction.Core.Fallback;
using Junction.Core.Live;
using Junction.Core.Requests;
using Junction.Core.Routing;
using Junction.Core.Routing.Trace;
using Junction.Providers.Abstractions;
using Junction.Server.Hosting;
using Junction.Server.Routing;
using Junction.Server.Upstreams;

namespace Junction.Server.Pipeline;

/// <summary>
/// Executes a routed request: calls the chosen model, and while an attempt fails with a kind the policy falls over
/// on (<c>fallback.on</c>), before anything reached the caller, the next ranked survivor, up to <c>max_attempts</c>.
/// Every attempt is appended to the trace. A client error never falls over.
/// </summary>
internal sealed class FallbackCascade(UpstreamDirectory upstreams, LiveStats live, TimeProvider time, ILogger<FallbackCascade> logger)
{
    /// <summary>A non-streamed completion.</summary>
    public Task<ExecutionResult> CompleteAsync(ChatRequest request, RoutePlan plan, RouteTrace trace, CancellationToken cancellationToken) =>
        RunAsync(request, plan, trace, stream: false, cancellationToken);

    /// <summary>Opens a stream; the adapter has read its first event, so a stream that fails before content still falls over.</summary>
    public Task<ExecutionResult> OpenStreamAsync(ChatRequest request, RoutePlan plan, RouteTrace trace, CancellationToken cancellationToken) =>
        RunAsync(request, plan, trace, stream: true, cancellationToken);

    private async Task<ExecutionResult> RunAsync(ChatRequest request, RoutePlan plan, RouteTrace trace, bool stream, CancellationToken cancellationToken)
    {
        var policy = plan.Policy;
        var ranked = plan.Decision.Ranked;
        var attempts = Math.Min(ranked.Count, Math.Max(1, policy.MaxAttempts));
        TimeSpan? attemptTimeout = policy.AttemptTimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
        ProviderError? lastError = null;
        for (var i = 0; i < attempts; i++)
        {
            var candidate = ranked[i];
            var model = candidate.Model;
            var started = time.GetTimestamp();
            if (!upstreams.TryGet(model.Provider, out var upstream))
            {
                // Host layers keep unavailable providers out of routing; this only happens before startup finished.
                lastError = new ProviderError(ErrorKind.Connect, null, $"No upstream is ready for provider '{model.Provider}'.");
                trace.Attempts.Add(Failed(candidate, lastError, null, 0));
                if (!FallsOver(policy, lastError.Kind))
                {
                    break;
                }

                continue;
            }

            if (!live.State.TryAcquireAttempt(model.Id))
            {
                // The circuit opened after routing decided: skip the model without calling it.
                trace.Attempts.Add(new TraceAttempt(model.Id, model.Provider, CircuitOpenOutcome, null, "The model's circuit is open.", 0, null) { Upstream = upstream.Label });
                lastError ??= new ProviderError(ErrorKind.Overloaded, null, $"The circuit of '{model.Id}' is open.");
                attempts = Math.Min(ranked.Count, attempts + 1);
                continue;
            }

            var call = new ProviderCall(request, model, upstream.Endpoint) { AttemptTimeout = attemptTimeout };
            ProviderError? error;
            if (stream)
            {
                var opened = await CallAsync(upstream.Adapter.OpenStreamAsync(call, cancellationToken), model.Id);
                var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
                if (opened.Stream is { } providerStream)
                {
                    // Latency is filled in when the stream ends; time to first event is known now.
                    trace.Attempts.Add(new TraceAttempt(model.Id, model.Provider, "ok", 200, null, null, Math.Round(elapsed, 1)) { Upstream = upstream.Label });
                    return new ExecutionResult(candidate, upstream, null, providerStream, null, started);
                }

                error = opened.Error!;
                trace.Attempts.Add(Failed(candidate, error, upstream.Label, elapsed));
            }
            else
            {
                var result = await CallAsync(upstream.Adapter.CompleteAsync(call, cancellationToken), model.Id);
                var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
                if (result.Completion is { } completion)
                {
                    live.Record(model.Id, AttemptObservation.Success(elapsed, null, completion.Usage?.CompletionTokens ?? 0));
                    trace.Attempts.Add(new TraceAttempt(model.Id, model.Provider, "ok", 200, null, Math.Round(elapsed, 1), null) { Upstream = upstream.Label });
                    return new ExecutionResult(candidate, upstream, completion, null, null, started);
                }

                error = result.Error!;
                trace.Attempts.Add(Failed(candidate, error, upstream.Label, elapsed));
            }

            lastError = error;
            live.Record(model.Id, AttemptObservation.Failure(error.Kind, time.GetElapsedTime(started).TotalMilliseconds));
            GatewayLog.AttemptFailed(logger, i + 1, model.Id, model.Provider, error.Kind.ToWire(), error.Status);
            if (!FallsOver(policy, error.Kind))
            {
                break;
            }
        }

        return new ExecutionResult(null, null, null, null, lastError ?? new ProviderError(ErrorKind.Connect, null, "No model could be attempted."));
    }

    /// <summary>The trace outcome of a candidate skipped because its circuit is open.</summary>
    public const string CircuitOpenOutcome = "circuit_open";

    /// <summary>Awaits an adapter call; when the caller cancels, the attempt is released (there is nothing to record).</summary>
    private async Task<T> CallAsync<T>(Task<T> call, string modelId)
    {
        try
        {
            return await call;
        }
        catch (OperationCanceledException)
        {
            live.State.ReleaseAttempt(modelId);
            throw;
        }
    }

    private static TraceAttempt Failed(RankedCandidate candidate, ProviderError error, string? upstream, double elapsedMs) =>
        new(candidate.Model.Id, candidate.Model.Provider, error.Kind.ToWire(), error.Status, error.Message, Math.Round(elapsedMs, 1), null) { Upstream = upstream };

    /// <summary>Whether the policy moves to the next survivor on this kind; client-side kinds never do.</summary>
    private static bool FallsOver(CompiledPolicy policy, ErrorKind kind)
    {
        if (kind is ErrorKind.ClientError or ErrorKind.Auth or ErrorKind.QuotaExhausted)
        {
            return false;
        }

        var on = policy.FallbackOn;
        for (var i = 0; i < on.Count; i++)
        {
            if (on[i] == kind)
            {
                return true;
            }
        }

        return false;
    }
}
