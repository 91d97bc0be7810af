using System.Text.Json;
using Junction.Core.Requests;
using Junction.Server.Auth;
using Junction.Server.Ingress.OpenAI;
using Junction.Server.Json;
using Junction.Server.Pipeline;
using Microsoft.AspNetCore.Http.Features;

namespace Junction.Server.Ingress.Anthropic;

/// <summary>
/// <c>POST /v1/messages</c>: Anthropic's Messages API over the shared <see cref="GatewayPipeline"/>, so an Anthropic
/// SDK can route to any model. Routing knobs come from <c>X-Junction-*</c> headers or the root <c>junction</c> object.
/// </summary>
internal sealed class MessagesHandler(GatewayPipeline pipeline)
{
    public const string Surface = "anthropic";

    public async Task HandleAsync(HttpContext context)
    {
        var caller = context.Features.GetRequiredFeature<Caller>();
        var aborted = context.RequestAborted;
        var knobs = new RoutingKnobs();
        var error = RoutingKnobHeaders.Read(context.Request.Headers, knobs);
        if (error is not null)
        {
            await AnthropicErrorWriter.WriteAsync(context, error);
            return;
        }

        JsonDocument document;
        try
        {
            document = await RequestBody.ReadJsonAsync(context.Request.BodyReader, aborted);
        }
        catch (JsonException e)
        {
            await AnthropicErrorWriter.WriteAsync(context, ApiErrors.InvalidJson(e.Message));
            return;
        }

        using (document)
        {
            var chat = new ChatRequest();
            error = MessagesRequestReader.Read(document.RootElement, chat, knobs);
            if (error is not null)
            {
                await AnthropicErrorWriter.WriteAsync(context, error);
                return;
            }

            var request = new GatewayRequest(caller, chat, knobs, context.Response, Surface);
            if (chat.Stream)
            {
                using var renderer = new AnthropicStreamRenderer(context.Response);
                error = await pipeline.StreamAsync(request, renderer, aborted);
                if (error is not null)
                {
                    await AnthropicErrorWriter.WriteAsync(context, error);
                }

                return;
            }

            var result = await pipeline.CompleteAsync(request, aborted);
            if (!result.IsSuccess)
            {
                await AnthropicErrorWriter.WriteAsync(context, result.Error!);
                return;
            }

            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json";
            using (var writer = new Utf8JsonWriter(response.BodyWriter, JsonWriting.WriterOptions))
            {
                MessageWriter.Write(writer, result.Completion!, result.Served!.Value);
            }

            await response.BodyWriter.FlushAsync(aborted);
        }
    }
}
