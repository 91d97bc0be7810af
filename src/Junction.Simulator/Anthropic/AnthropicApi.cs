using Junction.Simulator.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Junction.Simulator.Anthropic;

/// <summary>The Anthropic-dialect endpoint: the Messages API under <c>/v1</c>, beside the OpenAI dialect's.</summary>
internal static class AnthropicApi
{
    public static IEndpointRouteBuilder MapAnthropicApi(this IEndpointRouteBuilder endpoints, SimulatorState state)
    {
        var messages = new DialectHandler<MessagesRequest, AnthropicError>(state, new MessagesDialect(state));
        endpoints.MapPost("/v1/messages", new RequestDelegate(messages.HandleAsync));
        return endpoints;
    }
}
