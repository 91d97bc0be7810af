using Junction.Core.Requests;
using Junction.Core.Catalog;
using Junction.Server.Auth;
using Junction.Server.Ingress;

namespace Junction.Server.Pipeline;

/// <summary>
/// One request on its way through <see cref="GatewayPipeline"/>, from whichever surface parsed it. <c>Surface</c> names
/// it for logs and the request log: <c>openai</c>, <c>anthropic</c>, <c>native</c>.
/// </summary>
internal sealed record GatewayRequest(Caller Caller, ChatRequest Chat, RoutingKnobs Knobs, HttpResponse Response, string Surface)
{
    /// <summary>Capabilities the surface needs beyond what the request shows.</summary>
    public ModelCapabilities ExtraNeeds { get; init; } = ModelCapabilities.None;
}
