using Junction.Simulator.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Junction.Simulator.Gemini;

/// <summary>The Gemini-dialect endpoints under <c>/v1beta</c>: <c>generateContent</c> and <c>streamGenerateContent</c>.</summary>
internal static class GeminiApi
{
    public static IEndpointRouteBuilder MapGeminiApi(this IEndpointRouteBuilder endpoints, SimulatorState state)
    {
        var handler = new DialectHandler<GenerateContentRequest, GeminiError>(state, new GenerateContentDialect(state));

        // One segment holds "{model}:{method}"; the handler splits it (model ids never contain '/').
        endpoints.MapPost("/v1beta/models/{target}", new RequestDelegate(handler.HandleAsync));
        endpoints.MapFallback("/v1beta/{**path}", new RequestDelegate(context =>
            GeminiErrorWriter.WriteAsync(context.Response, GeminiError.NotFound(context.Request.Method, context.Request.Path.Value ?? "/"), context.RequestAborted)));
        return endpoints;
    }
}
