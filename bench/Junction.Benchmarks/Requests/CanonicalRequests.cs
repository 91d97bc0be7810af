using System.Text.Json;
using Junction.Core.Requests;
using Junction.Server.Ingress;
using Junction.Server.Ingress.OpenAI;

namespace Junction.Benchmarks.Requests;

/// <summary>The sample conversation as the canonical request the gateway hands a provider adapter.</summary>
internal static class CanonicalRequests
{
    /// <summary>
    /// Parses the OpenAI body of <paramref name="size"/> with the gateway's own reader. The request's elements are views
    /// into the returned document, which must stay alive (and undisposed) as long as the request is used.
    /// </summary>
    public static (ChatRequest Request, JsonDocument Document) Parse(ConversationSize size, bool stream)
    {
        var document = JsonDocument.Parse(RequestPayloads.OpenAI(size, stream));
        var request = new ChatRequest();
        var error = ChatRequestReader.Read(document.RootElement, request, new RoutingKnobs());
        if (error is not null)
        {
            throw new InvalidOperationException($"The sample {size} request does not parse: {error.Message}");
        }

        return (request, document);
    }
}
