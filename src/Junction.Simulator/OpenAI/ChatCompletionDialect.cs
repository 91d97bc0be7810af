using System.Text.Json;
using Junction.Simulator.Behaviour;
using Junction.Simulator.Pipeline;
using Junction.Simulator.Text;
using Microsoft.AspNetCore.Http;

namespace Junction.Simulator.OpenAI;

/// <summary><c>POST /v1/chat/completions</c>: a bearer key, a Chat Completions body, answers and errors in OpenAI's shape.</summary>
internal sealed class ChatCompletionDialect(SimulatorState state) : ISimulatorDialect<ChatCompletionRequest, OpenAIError>
{
    public string JsonContentType => "application/json";

    public OpenAIError? Refuse(HttpContext context) => ApiKeyCheck.Check(context.Request, state.RequiredApiKey);

    public ChatCompletionRequest? Read(HttpContext context, ReadOnlyMemory<byte> body, out OpenAIError? error) =>
        ChatCompletionRequestReader.Read(body, out error);

    public OpenAIError HeaderError(string? header, string message) =>
        new(400, message, OpenAIError.InvalidRequest, header, "invalid_value");

    public Task WriteErrorAsync(HttpResponse response, OpenAIError error, CancellationToken cancellationToken) =>
        OpenAIErrorWriter.WriteAsync(response, error, null, cancellationToken);

    public Task WriteFaultAsync(HttpResponse response, ChatCompletionRequest request, Fault fault, bool inPlaceOfStreamError, CancellationToken cancellationToken)
    {
        // In place of a stream error: the server error the event would carry.
        var error = OpenAIError.ForFault(inPlaceOfStreamError ? 500 : fault.Status, fault.Code, fault.Type, fault.Message, request.Model);
        var retryAfter = fault.RetryAfterSeconds;
        if (retryAfter is null && error.Status == StatusCodes.Status429TooManyRequests && error.Code != "insufficient_quota")
        {
            retryAfter = 1;
        }

        return OpenAIErrorWriter.WriteAsync(response, error, retryAfter, cancellationToken);
    }

    public void WriteWhole(Utf8JsonWriter writer, ChatCompletionRequest request, Reply reply, ulong id, DateTimeOffset created) =>
        ChatCompletionWriter.Write(writer, Head(request, id, created), request, reply);

    public Task WriteStreamAsync(HttpContext context, ChatCompletionRequest request, Reply reply, ulong id, DateTimeOffset created,
        BehaviourSettings behaviour, Fault? fault, CancellationToken cancellationToken) =>
        ChatCompletionStream.WriteAsync(context, request, reply, Head(request, id, created), behaviour, fault, state.Time, cancellationToken);

    private static CompletionHead Head(ChatCompletionRequest request, ulong id, DateTimeOffset created) =>
        new(id, created.ToUnixTimeSeconds(), request.Model);
}
