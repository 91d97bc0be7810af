using System.Text.Json;
using Junction.Simulator.Behaviour;
using Junction.Simulator.Pipeline;
using Junction.Simulator.Text;
using Microsoft.AspNetCore.Http;

namespace Junction.Simulator.Anthropic;

/// <summary>
/// <c>POST /v1/messages</c>: an <c>x-api-key</c>, a Messages body, answers and errors in Anthropic's shape, with the
/// same reply the OpenAI dialect gives.
/// </summary>
internal sealed class MessagesDialect(SimulatorState state) : ISimulatorDialect<MessagesRequest, AnthropicError>
{
    public string JsonContentType => "application/json";

    public AnthropicError? Refuse(HttpContext context) => AnthropicApiKeyCheck.Check(context.Request, state.RequiredApiKey);

    public MessagesRequest? Read(HttpContext context, ReadOnlyMemory<byte> body, out AnthropicError? error) =>
        MessagesRequestReader.Read(body, out error);

    public AnthropicError HeaderError(string? header, string message) => new(400, AnthropicError.InvalidRequest, message);

    public Task WriteErrorAsync(HttpResponse response, AnthropicError error, CancellationToken cancellationToken) =>
        WriteErrorAsync(response, error, null, cancellationToken);

    public Task WriteFaultAsync(HttpResponse response, MessagesRequest request, Fault fault, bool inPlaceOfStreamError, CancellationToken cancellationToken)
    {
        // In place of a stream error: the error the event would carry, as its status.
        var error = inPlaceOfStreamError
            ? MessageStream.ErrorEventFault(fault, request.Model)
            : AnthropicError.ForFault(fault.Status, fault.Code, fault.Type, fault.Message, request.Model);
        var retryAfter = fault.RetryAfterSeconds;
        if (retryAfter is null && error.Type == "rate_limit_error")
        {
            retryAfter = 1;
        }

        return WriteErrorAsync(response, error, retryAfter, cancellationToken);
    }

    public void WriteWhole(Utf8JsonWriter writer, MessagesRequest request, Reply reply, ulong id, DateTimeOffset created) =>
        MessageWriter.Write(writer, new MessageHead(id, request.Model), request, reply);

    public Task WriteStreamAsync(HttpContext context, MessagesRequest request, Reply reply, ulong id, DateTimeOffset created,
        BehaviourSettings behaviour, Fault? fault, CancellationToken cancellationToken) =>
        MessageStream.WriteAsync(context, request, reply, new MessageHead(id, request.Model), behaviour, fault, state.Time, cancellationToken);

    private Task WriteErrorAsync(HttpResponse response, AnthropicError error, double? retryAfterSeconds, CancellationToken cancellationToken) =>
        AnthropicErrorWriter.WriteAsync(response, error, state.NextResponseId(), retryAfterSeconds, cancellationToken);
}
