using System.Text.Json;
using Junction.Core.Requests;
using Junction.Providers.Abstractions;
using Junction.Server.Auth;
using Junction.Server.Ingress.OpenAI;
using Junction.Server.Json;
using Junction.Server.Pipeline;
using Microsoft.AspNetCore.Http.Features;

namespace Junction.Server.Ingress;

/// <summary>What one client dialect brings to a chat surface: its request reader, its error shape and its renderers.</summary>
internal interface IChatDialect
{
    /// <summary>The surface name recorded with each request (<c>openai</c>, <c>anthropic</c>).</summary>
    string Surface { get; }

    /// <summary>Parses the body into the canonical request and the routing knobs; an error names the field.</summary>
    ApiError? Read(JsonElement root, ChatRequest chat, RoutingKnobs knobs);

    Task WriteErrorAsync(HttpContext context, ApiError error);

    IStreamRenderer CreateStreamRenderer(HttpResponse response, ChatRequest chat);

    void WriteCompletion(Utf8JsonWriter writer, ChatCompletion completion, ServedInfo served);
}

/// <summary>
/// One chat request of any dialect through the shared <see cref="GatewayPipeline"/>: header knobs, body, parse,
/// then a streamed or whole answer in the caller's dialect. Every error leaves in that dialect's shape.
/// </summary>
internal static class ChatSurface
{
    public static async Task HandleAsync(HttpContext context, GatewayPipeline pipeline, IChatDialect dialect)
    {
        var caller = context.Features.GetRequiredFeature<Caller>();
        var aborted = context.RequestAborted;
        var knobs = new RoutingKnobs();
        var error = RoutingKnobHeaders.Read(context.Request.Headers, knobs);
        if (error is not null)
        {
            await dialect.WriteErrorAsync(context, error);
            return;
        }

        JsonDocument document;
        try
        {
            document = await RequestBody.ReadJsonAsync(context.Request.BodyReader, aborted);
        }
        catch (JsonException e)
        {
            await dialect.WriteErrorAsync(context, ApiErrors.InvalidJson(e.Message));
            return;
        }

        using (document)
        {
            var chat = new ChatRequest();
            error = dialect.Read(document.RootElement, chat, knobs);
            if (error is not null)
            {
                await dialect.WriteErrorAsync(context, error);
                return;
            }

            (var acting, error) = await ActingTenant.ResolveAsync(context, caller, knobs);
            if (error is not null)
            {
                await dialect.WriteErrorAsync(context, error);
                return;
            }

            var request = new GatewayRequest(acting!, chat, knobs, context.Response, dialect.Surface);
            error = chat.Stream
                ? await StreamAsync(context.Response, pipeline, dialect, request, aborted)
                : await CompleteAsync(context.Response, pipeline, dialect, request, aborted);
            if (error is not null)
            {
                await dialect.WriteErrorAsync(context, error);
            }
        }
    }

    private static async Task<ApiError?> StreamAsync(
        HttpResponse response, GatewayPipeline pipeline, IChatDialect dialect, GatewayRequest request, CancellationToken aborted)
    {
        using var renderer = dialect.CreateStreamRenderer(response, request.Chat);
        return await pipeline.StreamAsync(request, renderer, aborted);
    }

    private static async Task<ApiError?> CompleteAsync(
        HttpResponse response, GatewayPipeline pipeline, IChatDialect dialect, GatewayRequest request, CancellationToken aborted)
    {
        var result = await pipeline.CompleteAsync(request, aborted);
        if (!result.IsSuccess)
        {
            return result.Error!;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(response.BodyWriter, JsonWriting.WriterOptions))
        {
            dialect.WriteCompletion(writer, result.Completion!, result.Served!.Value);
        }

        await response.BodyWriter.FlushAsync(aborted);
        return null;
    }
}
