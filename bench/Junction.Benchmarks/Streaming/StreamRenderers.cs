using Junction.Benchmarks.Requests;
using Junction.Providers.Abstractions;
using Junction.Server.Ingress.Anthropic;
using Junction.Server.Ingress.OpenAI;
using Junction.Server.Pipeline;
using Microsoft.AspNetCore.Http;

namespace Junction.Benchmarks.Streaming;

/// <summary>The caller dialect's production <see cref="IStreamRenderer"/>, made as its chat handler makes it.</summary>
internal static class StreamRenderers
{
    public static IStreamRenderer Create(CallerDialect caller, HttpResponse response) => caller == CallerDialect.OpenAI
        ? new OpenAIStreamRenderer(response, created: 1764580000, callerWantsUsage: true)
        : new AnthropicStreamRenderer(response);

    /// <summary>What <c>GatewayPipeline</c> passes <see cref="IStreamRenderer.StartAsync"/> for a routed stream.</summary>
    public static StreamStart Start => new("chatcmpl-CX9vL2mQ7rT1sZpW4kYb8NdE3fHa", "gpt-4.1-mini", "openai", 0.00061, "trc_01JDQ7Z2K8M3N4P5Q6R7S8T9V0", 1312);

    public static StreamFinish Finish(Usage? usage) => new("stop", usage,
        new ServedInfo("gpt-4.1-mini", "openai", "gpt-4.1-mini-2025-04-14", 0.00061, 0.00054, "pol_3f9a1c2e7b04", "trc_01JDQ7Z2K8M3N4P5Q6R7S8T9V0", 1), 412.5);
}
