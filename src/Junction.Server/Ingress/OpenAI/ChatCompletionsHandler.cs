using System.Text.Json;
using Junction.Core.Requests;
using Junction.Server.Auth;
using Junction.Server.Json;
using Junction.Server.Pipeline;
using Microsoft.AspNetCore.Http.Features;

namespace Junction.Server.Ingress.OpenAI;

/// <summary>
/// <c>POST /v1/chat/completions</c>: parse OpenAI's request into the canonical one, run it through the shared
/// <see cref="GatewayPipeline"/>, answer in OpenAI's shape (JSON or server-sent events).
/// </summary>
internal sealed class ChatCompletionsHandler(GatewayPipeline pipeline, TimeProvider time)
{
    public const string Surface = "openai";

    public async Task HandleAsync(HttpContext context)
    {
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
            var chat = new ChatRequest();
            error = ChatRequestReader.Read(document.RootElement, chat, knobs);
            if (error is not null)
            {
                await OpenAIErrorWriter.WriteAsync(context, error);
                return;
            }

            var request = new GatewayRequest(caller, chat, knobs, context.Response, Surface);
            if (chat.Stream)
            {
                using var renderer = new OpenAIStreamRenderer(context.Response, time.GetUtcNow().ToUnixTimeSeconds(), chat.IncludeUsage);
                error = await pipeline.StreamAsync(request, renderer, aborted);
                if (error is not null)
                {
                    await OpenAIErrorWriter.WriteAsync(context, error);
                }

                return;
            }

            var result = await pipeline.CompleteAsync(request, aborted);
            if (!result.IsSuccess)
            {
                await OpenAIErrorWriter.WriteAsync(context, result.Error!);
                return;
            }

            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json";
            using (var writer = new Utf8JsonWriter(response.BodyWriter, JsonWriting.WriterOptions))
            {
                ChatCompletionWriter.Write(writer, result.Completion!, result.Served!.Value.Model, time.GetUtcNow().ToUnixTimeSeconds(), result.Served.Value);
            }

            await response.BodyWriter.FlushAsync(aborted);
        }
    }
}
