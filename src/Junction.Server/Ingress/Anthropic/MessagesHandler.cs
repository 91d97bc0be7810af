using System.Text.Json;
using Junction.Core.Requests;
using Junction.Providers.Abstractions;
using Junction.Server.Ingress.OpenAI;
using Junction.Server.Pipeline;

namespace Junction.Server.Ingress.Anthropic;

/// <summary>
/// <c>POST /v1/messages</c>: Anthropic's Messages API over the shared pipeline (run by <see cref="ChatSurface"/>), so
/// an Anthropic SDK can route to any model. Routing knobs come from <c>X-Junction-*</c> headers or the root
/// <c>junction</c> object.
/// </summary>
internal sealed class MessagesHandler(GatewayPipeline pipeline) : IChatDialect
{
    public const string Surface = "anthropic";

    string IChatDialect.Surface => Surface;

    public Task HandleAsync(HttpContext context) => ChatSurface.HandleAsync(context, pipeline, this);

    public ApiError? Read(JsonElement root, ChatRequest chat, RoutingKnobs knobs) => MessagesRequestReader.Read(root, chat, knobs);

    public Task WriteErrorAsync(HttpContext context, ApiError error) => AnthropicErrorWriter.WriteAsync(context, error);

    public IStreamRenderer CreateStreamRenderer(HttpResponse response, ChatRequest chat) => new AnthropicStreamRenderer(response);

    public void WriteCompletion(Utf8JsonWriter writer, ChatCompletion completion, ServedInfo served) =>
        MessageWriter.Write(writer, completion, served);
}
