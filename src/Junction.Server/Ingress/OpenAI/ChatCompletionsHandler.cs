using System.Text.Json;
using Junction.Core.Requests;
using Junction.Providers.Abstractions;
using Junction.Server.Pipeline;

namespace Junction.Server.Ingress.OpenAI;

/// <summary>
/// <c>POST /v1/chat/completions</c>: OpenAI's request parsed into the canonical one, run by <see cref="ChatSurface"/>
/// through the shared pipeline, answered in OpenAI's shape (JSON or server-sent events).
/// </summary>
internal sealed class ChatCompletionsHandler(GatewayPipeline pipeline, TimeProvider time) : IChatDialect
{
    public const string Surface = "openai";

    string IChatDialect.Surface => Surface;

    public Task HandleAsync(HttpContext context) => ChatSurface.HandleAsync(context, pipeline, this);

    public ApiError? Read(JsonElement root, ChatRequest chat, RoutingKnobs knobs) => ChatRequestReader.Read(root, chat, knobs);

    public Task WriteErrorAsync(HttpContext context, ApiError error) => OpenAIErrorWriter.WriteAsync(context, error);

    public IStreamRenderer CreateStreamRenderer(HttpResponse response, ChatRequest chat) =>
        new OpenAIStreamRenderer(response, time.GetUtcNow().ToUnixTimeSeconds(), chat.IncludeUsage);

    public void WriteCompletion(Utf8JsonWriter writer, ChatCompletion completion, ServedInfo served) =>
        ChatCompletionWriter.Write(writer, completion, served.Model, time.GetUtcNow().ToUnixTimeSeconds(), served);
}
