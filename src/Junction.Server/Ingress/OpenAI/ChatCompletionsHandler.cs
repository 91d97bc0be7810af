using System.Text.Json;
using Junction.Core.Catalog;
using Junction.Core.Requests;
using Junction.Core.Routing;
using Junction.Core.Routing.Trace;
using Junction.Providers.Abstractions;
using Junction.Server.Auth;
using Junction.Server.Hosting;
using Junction.Server.Json;
using Junction.Server.Pipeline;
using Junction.Server.Routing;
using Microsoft.AspNetCore.Http.Features;

namespace Junction.Server.Ingress.OpenAI;

/// <summary>
/// <c>POST /v1/chat/completions</c>: parse, plan, execute the cascade, answer in OpenAI's shape (JSON or
/// server-sent events), record the trace. One shared instance; all per-request state lives on the stack.
/// </summary>
internal sealed class ChatCompletionsHandler(
    RoutePlanner planner,
    FallbackCascade cascade,
    TraceRecorder recorder,
    TimeProvider time,
    ILogger<ChatCompletionsHandler> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        var caller = context.Features.GetRequiredFeature<Caller>();
        var aborted = context.RequestAborted;
        var knobs = new RoutingKnobs();
        var error = RoutingKnobHeaders.Read(context.Request.Headers, knobs);
        if (error is not null)
        {
            await OpenAIErrorWriter.WriteAsync(context, error);
            return;
        }

        JsonDocument document;
        try
        {
            document = await RequestBody.ReadJsonAsync(context.Request.BodyReader, aborted);
        }
        catch (JsonException e)
        {
            await OpenAIErrorWriter.WriteAsync(context, ApiErrors.InvalidJson(e.Message));
            return;
        }

        using (document)
        {
            var request = new ChatRequest();
            RoutePlan? plan = null;
            error = ChatRequestReader.Read(document.RootElement, request, knobs);
            if (error is null)
            {
                error = planner.Plan(caller, request, knobs, ModelCapabilities.None, out plan);
            }

            if (error is not null)
            {
                await OpenAIErrorWriter.WriteAsync(context, error);
                return;
            }

            var traceId = TraceRecorder.NewTraceId();
            var trace = RouteTrace.FromDecision(traceId, plan!.Policy, plan.Decision);
            JunctionHeaders.SetDecision(context.Response, plan.Policy.Fingerprint, traceId);
            switch (plan.Decision.Outcome)
            {
                case RouteOutcome.NoRoute:
                    await FailAsync(context, ApiErrors.NoRoute(plan.Decision), trace, caller, started);
                    return;
                case RouteOutcome.Denied:
                    await FailAsync(context, ApiErrors.Denied(plan.Decision), trace, caller, started);
                    return;
            }

            if (request.Stream)
            {
                await StreamAsync(context, request, plan, trace, caller, started);
            }
            else
            {
                await CompleteAsync(context, request, plan, trace, caller, started);
            }
        }
    }

    private async Task CompleteAsync(HttpContext context, ChatRequest request, RoutePlan plan, RouteTrace trace, Caller caller, long started)
    {
        var result = await cascade.CompleteAsync(request, plan, trace, context.RequestAborted);
        if (!result.IsSuccess)
        {
            await FailAsync(context, ApiErrors.Upstream(result.LastError!, trace.Attempts.Count), trace, caller, started);
            return;
        }

        var served = result.Served!;
        var completion = result.Completion!;
        double? actual = completion.Usage is { } usage ? CostCalculator.Actual(served.Model, usage) : null;
        trace.Cost = new TraceCost(served.EstCost, actual);
        var info = new ServedInfo(
            served.Model.Id, served.Model.Provider, result.Upstream!.Label, served.EstCost, actual,
            plan.Policy.Fingerprint, trace.TraceId, trace.Attempts.Count);

        var response = context.Response;
        JunctionHeaders.SetServed(response, served.Model.Id, served.Model.Provider, actual ?? served.EstCost);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(response.BodyWriter, JsonWriting.WriterOptions))
        {
            ChatCompletionWriter.Write(writer, completion, served.Model.Id, time.GetUtcNow().ToUnixTimeSeconds(), info);
        }

        // The caller gets its answer first; the trace is finished and stored right after.
        await response.BodyWriter.FlushAsync(context.RequestAborted);
        await recorder.FinishAsync(trace, caller.TenantId, started);
    }

    private async Task StreamAsync(HttpContext context, ChatRequest request, RoutePlan plan, RouteTrace trace, Caller caller, long started)
    {
        // The adapter always asks the upstream for usage, so the cost is settled; the caller sees it only if it asked.
        var callerWantsUsage = request.IncludeUsage;
        var aborted = context.RequestAborted;
        var result = await cascade.OpenStreamAsync(request, plan, trace, aborted);
        if (!result.IsSuccess)
        {
            await FailAsync(context, ApiErrors.Upstream(result.LastError!, trace.Attempts.Count), trace, caller, started);
            return;
        }

        var served = result.Served!;
        var model = served.Model;
        await using var stream = result.Stream!;
        var response = context.Response;
        JunctionHeaders.SetServed(response, model.Id, model.Provider, served.EstCost);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.StartAsync(aborted);

        string? finishReason = null;
        Usage? usage = null;
        ProviderError? failure = null;
        var id = stream.Id ?? "chatcmpl-" + trace.TraceId[4..];
        using var chunks = new ChatChunkWriter(response.BodyWriter, id, time.GetUtcNow().ToUnixTimeSeconds(), model.Id);
        try
        {
            await foreach (var e in stream.ReadAllAsync(aborted))
            {
                switch (e.Kind)
                {
                    case StreamEventKind.TextDelta when !string.IsNullOrEmpty(e.Text):
                        chunks.WriteText(e.Text);
                        await chunks.FlushAsync(aborted);
                        break;
                    case StreamEventKind.ToolCallDelta:
                        chunks.WriteToolCall(e);
                        await chunks.FlushAsync(aborted);
                        break;
                    case StreamEventKind.Finish:
                        finishReason = e.FinishReason ?? "stop";
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
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The caller went away; the upstream call is cancelled by disposing the stream.
            SettleAttempt(trace, result.AttemptStarted, "cancelled", null, null);
            await recorder.FinishAsync(trace, caller.TenantId, started);
            return;
        }

        double? actual = usage is null ? null : CostCalculator.Actual(model, usage);
        trace.Cost = new TraceCost(served.EstCost, actual);
        if (failure is not null)
        {
            GatewayLog.StreamFailedAfterContent(logger, model.Id, failure.Kind.ToString());
            SettleAttempt(trace, result.AttemptStarted, Core.Fallback.ErrorKindNames.ToWire(failure.Kind), failure.Status, failure.Message);
            chunks.WriteError(ApiErrors.StreamFailed(failure));
        }
        else
        {
            SettleAttempt(trace, result.AttemptStarted, "ok", 200, null);
            var info = new ServedInfo(
                model.Id, model.Provider, result.Upstream!.Label, served.EstCost, actual,
                plan.Policy.Fingerprint, trace.TraceId, trace.Attempts.Count);
            if (callerWantsUsage && usage is not null)
            {
                chunks.WriteFinish(finishReason ?? "stop", null);
                chunks.WriteUsage(usage, info);
            }
            else
            {
                chunks.WriteFinish(finishReason ?? "stop", info);
            }
        }

        chunks.WriteDone();
        await chunks.FlushAsync(aborted);
        await recorder.FinishAsync(trace, caller.TenantId, started);
    }

    /// <summary>Completes the last (streamed) attempt with its outcome and total latency.</summary>
    private void SettleAttempt(RouteTrace trace, long attemptStarted, string outcome, int? status, string? error)
    {
        var last = trace.Attempts.Count - 1;
        trace.Attempts[last] = trace.Attempts[last] with
        {
            Outcome = outcome,
            Status = status,
            Error = error,
            LatencyMs = Math.Round(time.GetElapsedTime(attemptStarted).TotalMilliseconds, 1),
        };
    }

    private async Task FailAsync(HttpContext context, ApiError error, RouteTrace trace, Caller caller, long started)
    {
        var json = await recorder.FinishAsync(trace, caller.TenantId, started);
        await OpenAIErrorWriter.WriteAsync(context, error with { TraceJson = json });
    }
}
