using Junction.Server.Auth;

namespace Junction.Server.Ingress.Anthropic;

/// <summary>Maps <c>POST /v1/messages</c> to <see cref="MessagesHandler"/>; the key may come as <c>x-api-key</c>, as Anthropic's SDKs send it.</summary>
internal static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var handler = app.ServiceProvider.GetRequiredService<MessagesHandler>();
        app.MapPost("/v1/messages", handler.HandleAsync).WithMetadata(new RequiresApiKeyAttribute { Dialect = ApiDialect.Anthropic });
        return app;
    }
}
