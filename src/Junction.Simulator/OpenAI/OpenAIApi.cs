using Junction.Simulator.Http;
using Junction.Simulator.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Junction.Simulator.OpenAI;

/// <summary>The OpenAI-dialect endpoints: chat completions and the model list, under <c>/v1</c>.</summary>
internal static class OpenAIApi
{
    public static IEndpointRouteBuilder MapOpenAIApi(this IEndpointRouteBuilder endpoints, SimulatorState state)
    {
        var chat = new DialectHandler<ChatCompletionRequest, OpenAIError>(state, new ChatCompletionDialect(state));
        var v1 = endpoints.MapGroup("/v1");
        v1.MapPost("/chat/completions", new RequestDelegate(chat.HandleAsync));
        v1.MapGet("/models", new RequestDelegate(context => ListModelsAsync(context, state)));
        v1.MapGet("/models/{id}", new RequestDelegate(context => GetModelAsync(context, state)));
        return endpoints;
    }

    private static async Task ListModelsAsync(HttpContext context, SimulatorState state)
    {
        if (ApiKeyCheck.Check(context.Request, state.RequiredApiKey) is { } authError)
        {
            await OpenAIErrorWriter.WriteAsync(context.Response, authError, null, context.RequestAborted).ConfigureAwait(false);
            return;
        }
        using var buffer = new PooledBufferWriter();
        var writer = SimulatorJson.Rent(buffer);
        ModelListWriter.WriteList(writer, state.ModelIds(), state.StartedUnixSeconds);
        SimulatorJson.Return(writer);
        await WriteJsonAsync(context.Response, buffer, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task GetModelAsync(HttpContext context, SimulatorState state)
    {
        if (ApiKeyCheck.Check(context.Request, state.RequiredApiKey) is { } authError)
        {
            await OpenAIErrorWriter.WriteAsync(context.Response, authError, null, context.RequestAborted).ConfigureAwait(false);
            return;
        }
        // Every model id is served, so every id exists.
        using var buffer = new PooledBufferWriter(256);
        var writer = SimulatorJson.Rent(buffer);
        ModelListWriter.WriteModel(writer, (string)context.Request.RouteValues["id"]!, state.StartedUnixSeconds);
        SimulatorJson.Return(writer);
        await WriteJsonAsync(context.Response, buffer, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteJsonAsync(HttpResponse response, PooledBufferWriter buffer, CancellationToken cancellationToken)
    {
        response.ContentType = "application/json";
        response.ContentLength = buffer.WrittenCount;
        await response.BodyWriter.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }
}
