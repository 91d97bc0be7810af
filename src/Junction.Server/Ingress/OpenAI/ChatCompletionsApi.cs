using Junction.Server.Auth;

namespace Junction.Server.Ingress.OpenAI;

/// <summary>Maps <c>POST /v1/chat/completions</c> straight to <see cref="ChatCompletionsHandler"/> (no per-request binding).</summary>
internal static class ChatCompletionsApi
{
    public static IEndpointRouteBuilder MapChatCompletionsApi(this IEndpointRouteBuilder app)
    {
        var handler = app.ServiceProvider.GetRequiredService<ChatCompletionsHandler>();
        var group = app.MapGroup("/v1").WithMetadata(new RequiresApiKeyAttribute());
        group.MapPost("/chat/completions", handler.HandleAsync);
        return app;
    }
}
