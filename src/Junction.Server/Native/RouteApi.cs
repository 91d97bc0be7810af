using System.Text.Json;
using Junction.Core.Catalog;
using Junction.Core.Requests;
using Junction.Core.Routing;
using Junction.Core.Routing.Trace;
using Junction.Server.Auth;
using Junction.Server.Ingress;
using Junction.Server.Ingress.OpenAI;
using Junction.Server.Json;
using Junction.Server.Pipeline;
using Microsoft.AspNetCore.Http.Features;

namespace Junction.Server.Native;

/// <summary>
/// Junction's own API: <c>POST /api/route</c> (route and call, one JSON answer), <c>POST /api/route/stream</c>
/// (the same as server-sent events) and <c>POST /api/recommend</c> (the decision and trace, no call).
/// </summary>
internal static class RouteApi
{
    public const string Surface = "native";

    public static IEndpointRouteBuilder MapRouteApi(this IEndpointRouteBuilder app)
    {
        var pipeline = app.ServiceProvider.GetRequiredService<GatewayPipeline>();
        var catalogs = app.ServiceProvider.GetRequiredService<CatalogState>();
        var time = app.ServiceProvider.GetRequiredService<TimeProvider>();
        var group = app.MapGroup("/api").WithMetadata(new RequiresApiKeyAttribute { Dialect = ApiDialect.Native });
        group.MapPost("/route", context => RouteAsync(context, pipeline, catalogs, stream: false, time));
        group.MapPost("/route/stream", context => RouteAsync(context, pipeline, catalogs, stream: true, time));
        group.MapPost("/recommend", context => RecommendAsync(context, pipeline, catalogs));
        return app;
    }

    private static async Task RouteAsync(HttpContext context, GatewayPipeline pipeline, CatalogState catalogs, bool stream, TimeProvider time)
    {
        var aborted = context.RequestAborted;
        using var document = await ReadAsync(context);
        if (document is null)
        {
            return;
        }

        var (request, error) = await ReadRequestAsync(context, document, catalogs);
        if (error is not null)
        {
            await NativeProblems.WriteAsync(context, error);
            return;
        }

        if (stream)
        {
            request!.Chat.Stream = true;
            using var renderer = new NativeStreamRenderer(context.Response, time);
            error = await pipeline.StreamAsync(request, renderer, aborted);
            if (error is not null)
            {
                await NativeProblems.WriteAsync(context, error);
            }

            return;
        }

        var result = await pipeline.CompleteAsync(request!, aborted);
        if (!result.IsSuccess)
        {
            await NativeProblems.WriteAsync(context, result.Error!);
            return;
        }

        var served = result.Served!.Value;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(response.BodyWriter, JsonWriting.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("result"u8, result.Completion!.Content ?? string.Empty);
            writer.WriteString("model_used"u8, served.Model);
            writer.WriteString("provider"u8, served.Provider);
            WriteCost(writer, "estimated_cost"u8, served.EstimatedCost);
            WriteCost(writer, "actual_cost"u8, served.ActualCost);
            writer.WriteStartObject("metrics"u8);
            writer.WriteNumber("latency_ms"u8, result.LatencyMs);
            writer.WriteNull("ttft_ms"u8);
            writer.WriteEndObject();
            writer.WritePropertyName("trace"u8);
            writer.WriteRawValue(result.TraceJson.Span, skipInputValidation: true);
            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(aborted);
    }

    private static async Task RecommendAsync(HttpContext context, GatewayPipeline pipeline, CatalogState catalogs)
    {
        using var document = await ReadAsync(context);
        if (document is null)
        {
            return;
        }

        var (request, error) = await ReadRequestAsync(context, document, catalogs);
        if (error is not null)
        {
            await NativeProblems.WriteAsync(context, error);
            return;
        }

        error = pipeline.Recommend(request!, out var plan, out var trace);
        if (error is not null)
        {
            await NativeProblems.WriteAsync(context, error);
            return;
        }

        var decision = plan!.Decision;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(response.BodyWriter, JsonWriting.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("outcome"u8, decision.Outcome switch
            {
                RouteOutcome.NoRoute => "no_route",
                RouteOutcome.Denied => "denied",
                _ => "routed",
            });
            var chosen = decision.Ranked.Count > 0 && decision.Outcome is not (RouteOutcome.NoRoute or RouteOutcome.Denied) ? decision.Ranked[0] : null;
            if (chosen is null)
            {
                writer.WriteNull("model"u8);
                writer.WriteNull("provider"u8);
                writer.WriteNull("estimated_cost"u8);
            }
            else
            {
                writer.WriteString("model"u8, chosen.Model.Id);
                writer.WriteString("provider"u8, chosen.Model.Provider);
                WriteCost(writer, "estimated_cost"u8, chosen.EstCost);
            }

            writer.WriteString("policy"u8, plan.Policy.Fingerprint);
            writer.WritePropertyName("trace"u8);
            writer.WriteRawValue(TraceJson.SerializeToUtf8Bytes(trace!), skipInputValidation: true);
            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private static async Task<JsonDocument?> ReadAsync(HttpContext context)
    {
        try
        {
            return await RequestBody.ReadJsonAsync(context.Request.BodyReader, context.RequestAborted);
        }
        catch (JsonException e)
        {
            await NativeProblems.WriteAsync(context, ApiErrors.InvalidJson(e.Message));
            return null;
        }
    }

    /// <summary>Parses the body into a request, acting for the tenant it names (<see cref="ActingTenant"/>).</summary>
    private static async ValueTask<(GatewayRequest? Request, ApiError? Error)> ReadRequestAsync(HttpContext context, JsonDocument document, CatalogState catalogs)
    {
        var caller = context.Features.GetRequiredFeature<Caller>();
        if (!TryRead(context, document, catalogs, caller, out var request, out var error))
        {
            return (null, error);
        }

        (var acting, error) = await ActingTenant.ResolveAsync(context, caller, request.Knobs);
        return error is null ? (request with { Caller = acting! }, null) : (null, error);
    }

    private static bool TryRead(HttpContext context, JsonDocument document, CatalogState catalogs, Caller caller, out GatewayRequest request, out ApiError? error)
    {
        var chat = new ChatRequest();
        var knobs = new RoutingKnobs();
        var providers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in catalogs.Current.Models)
        {
            providers.Add(model.Provider);
        }

        error = NativeRequestReader.Read(document.RootElement, chat, knobs, providers);
        request = new GatewayRequest(caller, chat, knobs, context.Response, Surface);
        return error is null;
    }

    private static void WriteCost(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, Math.Round(v, 10));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
