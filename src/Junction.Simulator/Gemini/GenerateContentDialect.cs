using System.Text.Json;
using Junction.Simulator.Behaviour;
using Junction.Simulator.Pipeline;
using Junction.Simulator.Text;
using Microsoft.AspNetCore.Http;

namespace Junction.Simulator.Gemini;

/// <summary>
/// <c>POST /v1beta/models/{model}:generateContent</c> and <c>:streamGenerateContent?alt=sse</c>: an
/// <c>x-goog-api-key</c>, the model and method from the path, answers and errors in Google's shape, from the same plan
/// of reply as the OpenAI dialect.
/// </summary>
internal sealed class GenerateContentDialect(SimulatorState state) : ISimulatorDialect<GenerateContentRequest, GeminiError>
{
    public string JsonContentType => "application/json; charset=UTF-8";

    public GeminiError? Refuse(HttpContext context)
    {
        if (GeminiApiKeyCheck.Check(context.Request, state.RequiredApiKey) is { } authError)
        {
            return authError;
        }

        var target = Target(context, out var colon);
        var stream = colon > 0 && target.AsSpan(colon + 1).SequenceEqual("streamGenerateContent");
        if (colon <= 0 || (!stream && !target.AsSpan(colon + 1).SequenceEqual("generateContent")))
        {
            return GeminiError.NotFound(context.Request.Method, context.Request.Path.Value ?? "/");
        }

        // Without alt=sse Google streams one JSON array; the simulator speaks only the event-stream form clients use.
        return stream && !string.Equals(context.Request.Query["alt"].ToString(), "sse", StringComparison.Ordinal)
            ? GeminiError.Invalid("The Junction simulator streams only as server-sent events: add ?alt=sse.")
            : null;
    }

    public GenerateContentRequest? Read(HttpContext context, ReadOnlyMemory<byte> body, out GeminiError? error)
    {
        // Refuse has checked the target: a model, then a colon, then one of the two methods.
        var target = Target(context, out var colon);
        var stream = target.AsSpan(colon + 1).SequenceEqual("streamGenerateContent");
        return GenerateContentRequestReader.Read(body, target[..colon], out error, stream);
    }

    public GeminiError HeaderError(string? header, string message) => GeminiError.Invalid(message);

    public Task WriteErrorAsync(HttpResponse response, GeminiError error, CancellationToken cancellationToken) =>
        GeminiErrorWriter.WriteAsync(response, error, cancellationToken);

    // In place of a stream error: the server error the event would carry.
    public Task WriteFaultAsync(HttpResponse response, GenerateContentRequest request, Fault fault, bool inPlaceOfStreamError, CancellationToken cancellationToken) =>
        GeminiErrorWriter.WriteAsync(
            response,
            GeminiError.ForFault(inPlaceOfStreamError ? 500 : fault.Status, fault.Code, fault.Type, fault.Message, fault.RetryAfterSeconds, request.Model, request.PromptTokens),
            cancellationToken);

    public void WriteWhole(Utf8JsonWriter writer, GenerateContentRequest request, Reply reply, ulong id, DateTimeOffset created) =>
        GenerateContentWriter.WriteWhole(writer, new GeminiHead(id, request.Model), request, reply);

    public Task WriteStreamAsync(HttpContext context, GenerateContentRequest request, Reply reply, ulong id, DateTimeOffset created,
        BehaviourSettings behaviour, Fault? fault, CancellationToken cancellationToken) =>
        GenerateContentStream.WriteAsync(context, request, reply, new GeminiHead(id, request.Model), behaviour, fault, state.Time, cancellationToken);

    /// <summary>
    /// The route's last segment, <c>{model}:{method}</c>: ASP.NET routing cannot split a segment on ':', so it is done
    /// here, at the last colon.
    /// </summary>
    private static string Target(HttpContext context, out int colon)
    {
        var target = (string?)context.Request.RouteValues["target"] ?? string.Empty;
        colon = target.LastIndexOf(':');
        return target;
    }
}
