using System.Text.Json;
using Junction.Core.Catalog;
using Junction.Core.Policy;
using Junction.Core.Requests;
using Junction.Core.Routing.Trace;
using Junction.Server.Auth;
using Junction.Server.Ingress;
using Junction.Server.Ingress.OpenAI;
using Junction.Server.Pipeline;
using Junction.Server.Routing;
using Microsoft.AspNetCore.Http.Features;

namespace Junction.Server.Policy;

/// <summary>
/// <c>POST /x/rank</c>: plans a request exactly as <c>/v1/chat/completions</c> would and returns the full trace,
/// without calling any provider. Body: <c>{policy?, strategy?, max_cost?, model?, force_model?, messages? | prompt?,
/// max_tokens?, needs?}</c>; the <c>X-Junction-*</c> headers apply too.
/// </summary>
internal sealed class DryRunHandler(RoutePlanner planner, TraceRecorder recorder, TimeProvider time)
{
    public async Task HandleAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        var caller = context.Features.GetRequiredFeature<Caller>();
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
            document = await RequestBody.ReadJsonAsync(context.Request.BodyReader, context.RequestAborted);
        }
        catch (JsonException e)
        {
            await OpenAIErrorWriter.WriteAsync(context, ApiErrors.InvalidJson(e.Message));
            return;
        }

        using (document)
        {
            var request = new ChatRequest();
            error = Read(document.RootElement, request, knobs, out var needs);
            RoutePlan? plan = null;
            if (error is null)
            {
                (var acting, error) = await ActingTenant.ResolveAsync(context, caller, knobs);
                caller = acting ?? caller;
            }

            if (error is null)
            {
                error = planner.Plan(caller, request, knobs, needs, out plan);
            }

            if (error is not null)
            {
                await OpenAIErrorWriter.WriteAsync(context, error);
                return;
            }

            var trace = RouteTrace.FromDecision(recorder.NewTraceId(), plan!.Policy, plan.Decision);
            JunctionHeaders.SetDecision(context.Response, plan.Policy.Fingerprint, trace.TraceId);
            if (plan.Decision.Chosen is { } chosen)
            {
                JunctionHeaders.SetServed(context.Response, chosen.Model.Id, chosen.Model.Provider, chosen.EstCost);
            }

            var stored = await recorder.FinishUnloggedAsync(trace, caller.TenantId, started);
            context.Response.ContentType = "application/json";
            await context.Response.BodyWriter.WriteAsync(stored.Json, context.RequestAborted);
        }
    }

    private static ApiError? Read(JsonElement root, ChatRequest request, RoutingKnobs knobs, out ModelCapabilities needs)
    {
        needs = ModelCapabilities.None;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ApiErrors.BadField("", "The body must be a JSON object.");
        }

        foreach (var property in root.EnumerateObject())
        {
            // The routing members are the same knobs as a chat request's 'junction' object.
            if (ChatRequestReader.TryReadKnob(property, knobs, string.Empty, out var knobError))
            {
                if (knobError is not null)
                {
                    return knobError;
                }

                continue;
            }

            var value = property.Value;
            switch (property.Name)
            {
                case "model":
                    if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                    {
                        return ApiErrors.BadField("model", "'model' must be a string.");
                    }

                    request.Model = value.GetString();
                    break;
                case "messages":
                    var error = ChatRequestReader.ReadMessages(value, request);
                    if (error is not null)
                    {
                        return error;
                    }

                    break;
                case "prompt":
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        return ApiErrors.BadField("prompt", "'prompt' must be a string.");
                    }

                    var message = new ChatMessage { Role = ChatRole.User };
                    message.Content.Add(ContentPart.FromText(value.GetString()!));
                    request.Messages.Add(message);
                    break;
                case "max_tokens":
                    if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var maxTokens) || maxTokens < 1)
                    {
                        return ApiErrors.BadField("max_tokens", "'max_tokens' must be a positive integer.");
                    }

                    request.MaxTokens = maxTokens;
                    break;
                case "needs":
                    var needsError = ReadNeeds(value, out needs);
                    if (needsError is not null)
                    {
                        return needsError;
                    }

                    break;
                default:
                    return ApiErrors.BadField(
                        property.Name,
                        $"Unknown field '{property.Name}'; /x/rank takes policy, strategy, max_cost, model, force_model, tenant, messages, prompt, max_tokens, needs.");
            }
        }

        return null;
    }

    private static ApiError? ReadNeeds(JsonElement value, out ModelCapabilities needs)
    {
        needs = ModelCapabilities.None;
        if (value.ValueKind != JsonValueKind.Array)
        {
            return ApiErrors.BadField("needs", "'needs' must be an array of capability names.");
        }

        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !CapabilityNames.TryParse(item.GetString()!, out var flag))
            {
                var known = string.Join(", ", CapabilityNames.Names((ModelCapabilities)~0));
                return ApiErrors.BadField("needs", $"'needs' holds an unknown capability {item}; known: {known}.");
            }

            needs |= flag;
        }

        return null;
    }
}
