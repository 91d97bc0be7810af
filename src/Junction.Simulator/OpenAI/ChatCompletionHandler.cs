using Junction.Simulator.Behaviour;
using Junction.Simulator.Http;
using Junction.Simulator.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Junction.Simulator.OpenAI;

/// <summary>
/// Serves <c>POST /v1/chat/completions</c>: checks the key, reads and validates the body, resolves the
/// model's behaviour and any fault, then answers whole or streamed.
/// </summary>
internal sealed class ChatCompletionHandler(SimulatorState state)
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
        if (ApiKeyCheck.Check(context.Request, state.RequiredApiKey) is { } authError)
        {
            await OpenAIErrorWriter.WriteAsync(response, authError, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        ChatCompletionRequest? request;
        OpenAIError? error;
        using (var body = await RequestBody.ReadAsync(context.Request.BodyReader, cancellationToken).ConfigureAwait(false))
        {
            request = ChatCompletionRequestReader.Read(body.Memory, out error);
        }
        if (request is null)
        {
            await OpenAIErrorWriter.WriteAsync(response, error!, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!BehaviourResolver.TryResolve(context.Request.Headers, state.Behaviours.For(request.Model), out var behaviour, out var header, out var message))
        {
            var headerError = new OpenAIError(400, message!, OpenAIError.InvalidRequest, header, "invalid_value");
            await OpenAIErrorWriter.WriteAsync(response, headerError, null, cancellationToken).ConfigureAwait(false);
            return;
        }
        state.NoteModel(request.Model);

        var fault = behaviour.Fault is { } configured && state.Dice.Hits(configured) ? configured : null;
        var firstByteDelay = request.Stream ? behaviour.TtftMs : behaviour.LatencyMs;
        switch (fault?.Kind)
        {
            case FaultKind.Status:
                await TokenPacer.DelayAsync(firstByteDelay, state.Time, cancellationToken).ConfigureAwait(false);
                await WriteStatusFaultAsync(response, fault, request.Model, cancellationToken).ConfigureAwait(false);
                return;
            case FaultKind.Timeout:
                await HoldUntilClientGivesUpAsync(context, cancellationToken).ConfigureAwait(false);
                return;
            case FaultKind.Drop:
                await TokenPacer.DelayAsync(firstByteDelay, state.Time, cancellationToken).ConfigureAwait(false);
                context.Abort();
                return;
            case FaultKind.ErrorEventAfter when !request.Stream:
                // A whole response has no stream to break: answer with the server error the event would carry.
                await TokenPacer.DelayAsync(firstByteDelay, state.Time, cancellationToken).ConfigureAwait(false);
                await WriteStatusFaultAsync(response, fault, request.Model, cancellationToken, status: 500).ConfigureAwait(false);
                return;
        }

        var reply = request.ToolCall is { } call
            ? Reply.ForToolCall(call)
            : Reply.ForText(request.Model, request.UserTextHash, behaviour.OutputTokens, request.MaxTokens);
        var head = new CompletionHead(state.NextResponseId(), state.Time.GetUtcNow().ToUnixTimeSeconds(), request.Model);

        if (request.Stream)
        {
            await ChatCompletionStream.WriteAsync(context, request, reply, head, behaviour, fault, state.Time, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await TokenPacer.DelayAsync(behaviour.LatencyMs, state.Time, cancellationToken).ConfigureAwait(false);
            await WriteCompletionAsync(context, request, reply, head, cutMidBody: fault?.Kind == FaultKind.CutAfter, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteCompletionAsync(HttpContext context, ChatCompletionRequest request, Reply reply, CompletionHead head,
        bool cutMidBody, CancellationToken cancellationToken)
    {
        using var buffer = new PooledBufferWriter(2048);
        var writer = OpenAIJson.Rent(buffer);
        ChatCompletionWriter.Write(writer, head, request, reply);
        OpenAIJson.Return(writer);

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = buffer.WrittenCount;
        if (!cutMidBody)
        {
            await response.BodyWriter.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            return;
        }
        // A whole response has no chunks to count: send half the body. Falling short of the Content-Length makes
        // Kestrel close the connection after it, so the client reads a truncated body.
        await response.BodyWriter.WriteAsync(buffer.WrittenMemory[..(buffer.WrittenCount / 2)], cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteStatusFaultAsync(HttpResponse response, Fault fault, string model, CancellationToken cancellationToken, int? status = null)
    {
        var error = OpenAIError.ForFault(status ?? fault.Status, fault.Code, fault.Type, fault.Message, model);
        var retryAfter = fault.RetryAfterSeconds;
        if (retryAfter is null && error.Status == StatusCodes.Status429TooManyRequests && error.Code != "insufficient_quota")
        {
            retryAfter = 1;
        }
        return OpenAIErrorWriter.WriteAsync(response, error, retryAfter, cancellationToken);
    }

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
