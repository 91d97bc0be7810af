using Junction.Simulator.Behaviour;
using Junction.Simulator.Http;
using Junction.Simulator.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Junction.Simulator.Anthropic;

/// <summary>
/// Serves <c>POST /v1/messages</c>: checks <c>x-api-key</c>, reads and validates the body, resolves the model's
/// behaviour and any fault, then answers whole or streamed, with the same reply the OpenAI dialect gives.
/// </summary>
internal sealed class MessagesHandler(SimulatorState state)
{
    public async Task HandleAsync(HttpContext context)
    {
        state.CountRequest();
        var cancellationToken = context.RequestAborted;
        try
        {
            await HandleCoreAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client gave up; there is no one left to answer.
        }
    }

    private async Task HandleCoreAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        if (AnthropicApiKeyCheck.Check(context.Request, state.RequiredApiKey) is { } authError)
        {
            await WriteErrorAsync(response, authError, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        MessagesRequest? request;
        AnthropicError? error;
        using (var body = await RequestBody.ReadAsync(context.Request.BodyReader, cancellationToken).ConfigureAwait(false))
        {
            request = MessagesRequestReader.Read(body.Memory, out error);
        }
        if (request is null)
        {
            await WriteErrorAsync(response, error!, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!BehaviourResolver.TryResolve(context.Request.Headers, state.Behaviours.For(request.Model), out var behaviour, out _, out var message))
        {
            await WriteErrorAsync(response, new AnthropicError(400, AnthropicError.InvalidRequest, message!), null, cancellationToken).ConfigureAwait(false);
            return;
        }
        state.NoteModel(request.Model);

        var fault = behaviour.Fault is { } configured && state.Dice.Hits(configured) ? configured : null;
        var firstByteDelay = request.Stream ? behaviour.TtftMs : behaviour.LatencyMs;
        switch (fault?.Kind)
        {
            case FaultKind.Status:
                await TokenPacer.DelayAsync(firstByteDelay, state.Time, cancellationToken).ConfigureAwait(false);
                await WriteStatusFaultAsync(response, AnthropicError.ForFault(fault.Status, fault.Code, fault.Type, fault.Message, request.Model), fault, cancellationToken).ConfigureAwait(false);
                return;
            case FaultKind.Timeout:
                await HoldUntilClientGivesUpAsync(context, cancellationToken).ConfigureAwait(false);
                return;
            case FaultKind.Drop:
                await TokenPacer.DelayAsync(firstByteDelay, state.Time, cancellationToken).ConfigureAwait(false);
                context.Abort();
                return;
            case FaultKind.ErrorEventAfter when !request.Stream:
                // A whole response has no stream to break: answer with the error the event would carry, as its status.
                await TokenPacer.DelayAsync(firstByteDelay, state.Time, cancellationToken).ConfigureAwait(false);
                await WriteStatusFaultAsync(response, MessageStream.ErrorEventFault(fault, request.Model), fault, cancellationToken).ConfigureAwait(false);
                return;
        }

        var reply = request.ToolCall is { } call
            ? Reply.ForToolCall(call)
            : Reply.ForText(request.Model, request.UserTextHash, behaviour.OutputTokens, request.MaxTokens);
        var head = new MessageHead(state.NextResponseId(), request.Model);

        if (request.Stream)
        {
            await MessageStream.WriteAsync(context, request, reply, head, behaviour, fault, state.Time, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await TokenPacer.DelayAsync(behaviour.LatencyMs, state.Time, cancellationToken).ConfigureAwait(false);
            await WriteMessageAsync(context, request, reply, head, cutMidBody: fault?.Kind == FaultKind.CutAfter, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteMessageAsync(HttpContext context, MessagesRequest request, Reply reply, MessageHead head,
        bool cutMidBody, CancellationToken cancellationToken)
    {
        using var buffer = new PooledBufferWriter(2048);
        var writer = AnthropicJson.Rent(buffer);
        MessageWriter.Write(writer, head, request, reply);
        AnthropicJson.Return(writer);

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = buffer.WrittenCount;
        var body = cutMidBody ? buffer.WrittenMemory[..(buffer.WrittenCount / 2)] : buffer.WrittenMemory;

        // Cut, the body falls short of its Content-Length, so Kestrel closes the connection after it.
        await response.BodyWriter.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    private Task WriteStatusFaultAsync(HttpResponse response, AnthropicError error, Fault fault, CancellationToken cancellationToken)
    {
        var retryAfter = fault.RetryAfterSeconds;
        if (retryAfter is null && error.Type == "rate_limit_error")
        {
            retryAfter = 1;
        }
        return WriteErrorAsync(response, error, retryAfter, cancellationToken);
    }

    private Task WriteErrorAsync(HttpResponse response, AnthropicError error, double? retryAfterSeconds, CancellationToken cancellationToken) =>
        AnthropicErrorWriter.WriteAsync(response, error, state.NextResponseId(), retryAfterSeconds, cancellationToken);

    /// <summary>Holds the request open, sending nothing, until the client disconnects or the simulator stops.</summary>
    private async Task HoldUntilClientGivesUpAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, state.Time, held.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            context.Abort();
        }
    }
}
