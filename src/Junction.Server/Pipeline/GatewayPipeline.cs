using Junction.Core.Fallback;
using Junction.Core.Live;
using Junction.Core.Routing;
using Junction.Core.Routing.Trace;
using Junction.Core.Tokens;
using Junction.Providers.Abstractions;
using Junction.Server.Hosting;
using Junction.Server.Ingress.OpenAI;
using Junction.Server.Recording;
using Junction.Server.Routing;

namespace Junction.Server.Pipeline;

/// <summary>
/// The one request pipeline every surface shares: layers, compile, estimate and route (<see cref="RoutePlanner"/>),
/// admission (<see cref="IRequestAdmission"/>), execution with fallback (<see cref="FallbackCascade"/>), cost, the
/// <c>x-junction-*</c> headers and the stored trace. Surfaces parse their dialect into a <see cref="GatewayRequest"/>
/// and render what comes back (a <see cref="PipelineResult"/>, or a stream through their <see cref="IStreamRenderer"/>).
/// </summary>
internal sealed class GatewayPipeline(
    RoutePlanner planner,
    FallbackCascade cascade,
    TraceRecorder recorder,
    IRequestAdmission admission,
    ITokenEstimator estimator,
    LiveStats live,
    TimeProvider time,
    ILogger<GatewayPipeline> logger)
{
    /// <summary>Deltas buffered at most before a flush, however fast the upstream delivers them.</summary>
    private const int MaxUnflushedDeltas = 64;

    /// <summary>Routes without calling anything (<c>/api/recommend</c>); the trace is built but not stored.</summary>
    public ApiError? Recommend(GatewayRequest request, out RoutePlan? plan, out RouteTrace? trace)
    {
        trace = null;
        var error = planner.Plan(request.Caller, request.Chat, request.Knobs, request.ExtraNeeds, out plan);
        if (error is null)
        {
            trace = RouteTrace.FromDecision(recorder.NewTraceId(), plan!.Policy, plan.Decision);
        }

        return error;
    }

    /// <summary>A non-streamed request, start to finish. Headers are set on the response; the body is the surface's to write.</summary>
    public async Task<PipelineResult> CompleteAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var routed = await RouteAndAdmitAsync(request, started, cancellationToken);
        if (routed.Error is not null)
        {
            return PipelineResult.Fail(routed.Error);
        }

        var (plan, trace, ticket) = (routed.Plan!, routed.Trace!, routed.Ticket);
        var result = await cascade.CompleteAsync(request.Chat, plan, trace, cancellationToken);
        if (!result.IsSuccess)
        {
            var error = await FailAsync(ApiErrors.Upstream(result.LastError!, trace.Attempts.Count), trace, request, started);
            await SettleAsync(ticket, request, trace, null, null, error.Status, error.Code, started, null);
            return PipelineResult.Fail(error);
        }

        var served = result.Served!;
        var completion = result.Completion!;
        double? actual = completion.Usage is { } usage ? CostCalculator.Actual(served.Model, usage) : null;
        trace.Cost = new TraceCost(served.EstCost, actual);
        var info = new ServedInfo(
            served.Model.Id, served.Model.Provider, result.Upstream!.Label, served.EstCost, actual,
            plan.Policy.Fingerprint, trace.TraceId, trace.Attempts.Count);
        JunctionHeaders.SetServed(request.Response, served.Model.Id, served.Model.Provider, actual ?? served.EstCost);
        var stored = recorder.Finish(trace, request.Caller.TenantId, started);
        var response = ResponseCapture.KeepsBodies(request.Caller, plan) ? ResponseCapture.Of(completion) : null;
        await SettleAsync(ticket, request, trace, info, completion.Usage, 200, null, started, null, response);
        return new PipelineResult(completion, info, null) { StoredTrace = stored, Trace = trace, LatencyMs = Elapsed(started) };
    }

    /// <summary>
    /// A streamed request. An error before the stream opens comes back for the surface to render as a plain error
    /// response; from then on the renderer gets every event, and a failure after content is its error event.
    /// Returns null when the stream was rendered (well or with an error event) or the caller went away.
    /// </summary>
    public async Task<ApiError?> StreamAsync(GatewayRequest request, IStreamRenderer renderer, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var routed = await RouteAndAdmitAsync(request, started, cancellationToken);
        if (routed.Error is not null)
        {
            return routed.Error;
        }

        var (plan, trace, ticket) = (routed.Plan!, routed.Trace!, routed.Ticket);
        var result = await cascade.OpenStreamAsync(request.Chat, plan, trace, cancellationToken);
        if (!result.IsSuccess)
        {
            var error = await FailAsync(ApiErrors.Upstream(result.LastError!, trace.Attempts.Count), trace, request, started);
            await SettleAsync(ticket, request, trace, null, null, error.Status, error.Code, started, null);
            return error;
        }

        var served = result.Served!;
        var model = served.Model;
        await using var stream = result.Stream!;
        JunctionHeaders.SetServed(request.Response, model.Id, model.Provider, served.EstCost);
        var id = stream.Id ?? trace.TraceId[4..];
        await renderer.StartAsync(new StreamStart(id, model.Id, model.Provider, served.EstCost, trace.TraceId, trace.Request.EstPromptTokens), cancellationToken);

        // Only a request whose bodies are kept accumulates the answer; every other stream passes through untouched.
        var capture = ResponseCapture.Start(request.Caller, plan);
        string? finishReason = null, stopSequence = null;
        Usage? usage = null;
        ProviderError? failure = null;
        double? ttftMs = null;
        var deliveredTokens = 0;
        try
        {
            await using var events = stream.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            var unflushed = 0;
            while (true)
            {
                // Deltas go out when the upstream has nothing more in hand (or a burst grows long): a token as soon
                // as nothing follows it yet, a burst that arrived in one read in one write.
                var next = events.MoveNextAsync();
                if (unflushed > 0 && (!next.IsCompleted || unflushed >= MaxUnflushedDeltas))
                {
                    await renderer.FlushAsync(cancellationToken);
                    unflushed = 0;
                }

                if (!await next)
                {
                    break;
                }

                var e = events.Current;
                switch (e.Kind)
                {
                    case StreamEventKind.TextDelta when !string.IsNullOrEmpty(e.Text):
                    case StreamEventKind.ToolCallDelta:
                        ttftMs ??= Elapsed(started);
                        if (e.Text is { Length: > 0 } text)
                        {
                            deliveredTokens += estimator.EstimateTextTokens(text);
                        }

                        capture?.Append(e);
                        renderer.Write(e);
                        unflushed++;
                        break;
                    case StreamEventKind.Finish:
                        finishReason = e.FinishReason ?? "stop";
                        stopSequence = e.StopSequence;
                        break;
                    case StreamEventKind.Usage:
                        usage = e.Usage;
                        break;
                    case StreamEventKind.Error:
                        failure = e.Error;
                        break;
                }

                if (failure is not null)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away: disposing the stream (the await using above) aborts the upstream call. What was
            // already delivered is still billed: the provider's usage if it came, else estimated from the text sent.
            live.State.ReleaseAttempt(model.Id);
            usage ??= new Usage(trace.Request.EstPromptTokens, deliveredTokens);
            var cancelledCost = CostCalculator.Actual(model, usage);
            trace.Cost = new TraceCost(served.EstCost, cancelledCost);
            SettleAttempt(trace, result.AttemptStarted, "cancelled", null, null, ttftMs);
            recorder.Finish(trace, request.Caller.TenantId, started);
            await SettleAsync(ticket, request, trace, Info(result, plan, trace, cancelledCost), usage, 499, "cancelled", started, ttftMs, capture);
            return null;
        }

        // A stream that ended without usage (or failed mid-way) bills what was delivered, estimated.
        var billed = usage ?? new Usage(trace.Request.EstPromptTokens, deliveredTokens);
        var actual = CostCalculator.Actual(model, billed);
        trace.Cost = new TraceCost(served.EstCost, actual);
        var info = Info(result, plan, trace, actual);
        var attemptMs = time.GetElapsedTime(result.AttemptStarted).TotalMilliseconds;
        if (failure is not null)
        {
            live.Record(model.Id, AttemptObservation.Failure(failure.Kind, attemptMs));
            GatewayLog.StreamFailedAfterContent(logger, model.Id, failure.Kind.ToWire());
            SettleAttempt(trace, result.AttemptStarted, failure.Kind.ToWire(), failure.Status, failure.Message, ttftMs);
            var error = ApiErrors.StreamFailed(failure);
            recorder.Finish(trace, request.Caller.TenantId, started);
            await SettleAsync(ticket, request, trace, info, billed, error.Status, error.Code, started, ttftMs, capture);
            await renderer.FailAsync(error, cancellationToken);
            return null;
        }

        var attemptTtft = ttftMs is { } t ? t - (time.GetElapsedTime(started).TotalMilliseconds - attemptMs) : (double?)null;
        live.Record(model.Id, AttemptObservation.Success(attemptMs, attemptTtft, billed.CompletionTokens, attemptTtft is { } first ? attemptMs - first : null));
        SettleAttempt(trace, result.AttemptStarted, "ok", 200, null, ttftMs);
        // Settled before the closing events: once the caller has the whole stream, its record and trace are readable.
        recorder.Finish(trace, request.Caller.TenantId, started);
        await SettleAsync(ticket, request, trace, info, billed, 200, null, started, ttftMs, capture);
        await renderer.FinishAsync(new StreamFinish(finishReason ?? "stop", usage, info, ttftMs, stopSequence), cancellationToken);
        return null;
    }

    private static ServedInfo Info(in ExecutionResult result, RoutePlan plan, RouteTrace trace, double? actual) => new(
        result.Served!.Model.Id, result.Served.Model.Provider, result.Upstream!.Label, result.Served.EstCost, actual,
        plan.Policy.Fingerprint, trace.TraceId, trace.Attempts.Count);

    private async Task<Routed> RouteAndAdmitAsync(GatewayRequest request, long started, CancellationToken cancellationToken)
    {
        var error = planner.Plan(request.Caller, request.Chat, request.Knobs, request.ExtraNeeds, out var plan);
        if (error is not null)
        {
            return new Routed(null, null, null, error);
        }

        var trace = RouteTrace.FromDecision(recorder.NewTraceId(), plan!.Policy, plan.Decision);
        JunctionHeaders.SetDecision(request.Response, plan.Policy.Fingerprint, trace.TraceId);
        switch (plan.Decision.Outcome)
        {
            case RouteOutcome.NoRoute:
                return new Routed(null, null, null, await RefuseAsync(ApiErrors.NoRoute(plan.Decision), trace, request, plan, started));
            case RouteOutcome.Denied:
                return new Routed(null, null, null, await RefuseAsync(ApiErrors.Denied(plan.Decision), trace, request, plan, started));
        }

        // Admission seam: rate limits and budget holds go in IRequestAdmission, nowhere else.
        var admitted = await admission.AdmitAsync(request, plan, cancellationToken);
        if (admitted.Error is { } refused)
        {
            return new Routed(null, null, null, await RefuseAsync(refused, trace, request, plan, started));
        }

        return new Routed(plan, trace, admitted.Ticket, null);
    }

    /// <summary>Completes the last (streamed) attempt with its outcome, total latency and time to first content.</summary>
    private void SettleAttempt(RouteTrace trace, long attemptStarted, string outcome, int? status, string? error, double? ttftMs)
    {
        var last = trace.Attempts.Count - 1;
        trace.Attempts[last] = trace.Attempts[last] with
        {
            Outcome = outcome,
            Status = status,
            Error = error,
            LatencyMs = Math.Round(time.GetElapsedTime(attemptStarted).TotalMilliseconds, 1),
            TtftMs = ttftMs is { } t ? Math.Round(t, 1) : trace.Attempts[last].TtftMs,
        };
    }

    /// <summary>A request refused before any provider call: its trace is stored and it is recorded (with no ticket) as denied.</summary>
    private async Task<ApiError> RefuseAsync(ApiError error, RouteTrace trace, GatewayRequest request, RoutePlan plan, long started)
    {
        error = await FailAsync(error, trace, request, started);
        await admission.SettleAsync(null, new RequestSettlement(
            request.Caller, request.Surface, trace.TraceId, null, null, null, null, null, error.Status, error.Code, request.Chat.Stream,
            Elapsed(started), null, 0)
        {
            Request = request,
            Trace = trace,
            Plan = plan,
            DenialReason = error.Message,
        });
        return error;
    }

    private async Task<ApiError> FailAsync(ApiError error, RouteTrace trace, GatewayRequest request, long started)
    {
        // An error body carries its trace, so this one is serialized now.
        var stored = recorder.Finish(trace, request.Caller.TenantId, started);
        return error with { TraceJson = stored.Json };
    }

    // Recording seam: budgets settle and the request log is written in IRequestAdmission.SettleAsync, once per request.
    private ValueTask SettleAsync(
        object? ticket, GatewayRequest request, RouteTrace trace, ServedInfo? info, Usage? usage, int status, string? errorCode, long started, double? ttftMs,
        ResponseCapture? response = null) =>
        admission.SettleAsync(ticket, new RequestSettlement(
            request.Caller, request.Surface, trace.TraceId, info?.Model, info?.Provider,
            info?.EstimatedCost ?? trace.Cost.Estimated, info?.ActualCost, usage, status, errorCode, request.Chat.Stream,
            Elapsed(started), ttftMs, trace.Attempts.Count)
        {
            Request = request,
            Response = response,
            Trace = trace,
        });

    private double Elapsed(long started) => Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 1);

    private readonly record struct Routed(RoutePlan? Plan, RouteTrace? Trace, object? Ticket, ApiError? Error);
}
