using Junction.Simulator.Behaviour;
using Junction.Simulator.Http;
using Junction.Simulator.OpenAI;
using Junction.Simulator.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Junction.Simulator.Gemini;

/// <summary>
/// Serves <c>POST /v1beta/models/{model}:generateContent</c> and <c>:streamGenerateContent?alt=sse</c>: checks the key,
/// splits the model from the method, reads and validates the body, resolves the model's behaviour and any fault,
/// then answers whole or streamed, from the same plan of reply as the OpenAI dialect.
/// </summary>
internal sealed class GenerateContentHandler(SimulatorState state)
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
        if (GeminiApiKeyCheck.Check(context.Request, state.RequiredApiKey) is { } authError)
        {
            await GeminiErrorWriter.WriteAsync(response, authError, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The route's last segment is "{model}:{method}": ASP.NET routing cannot split a segment on ':', so it is done here.
        var target = (string?)context.Request.RouteValues["target"] ?? string.Empty;
        var colon = target.LastIndexOf(':');
        var model = colon > 0 ? target[..colon] : string.Empty;
        var method = colon > 0 ? target.AsSpan(colon + 1) : default;
        var stream = method.SequenceEqual("streamGenerateContent");
        if (model.Length == 0 || (!stream && !method.SequenceEqual("generateContent")))
        {
            await GeminiErrorWriter.WriteAsync(response, GeminiError.NotFound(context.Request.Method, context.Request.Path.Value ?? "/"), cancellationToken).ConfigureAwait(false);
            return;
        }

        // Without alt=sse Google streams one JSON array; the simulator speaks only the event-stream form clients use.
        if (stream && !string.Equals(context.Request.Query["alt"].ToString(), "sse", StringComparison.Ordinal))
        {
            var altError = GeminiError.Invalid("The Junction simulator streams only as server-sent events: add ?alt=sse.");
            await GeminiErrorWriter.WriteAsync(response, altError, cancellationToken).ConfigureAwait(false);
            return;
        }

        GenerateContentRequest? request;
        GeminiError? error;
        using (var body = await RequestBody.ReadAsync(context.Request.BodyReader, cancellationToken).ConfigureAwait(false))
        {
            request = GenerateContentRequestReader.Read(body.Memory, model, out error);
        }

        if (request is null)
        {
            await GeminiErrorWriter.WriteAsync(response, error!, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!BehaviourResolver.TryResolve(context.Request.Headers, state.Behaviours.For(model), out var behaviour, out _, out var message))
        {
            await GeminiErrorWriter.WriteAsync(response, GeminiError.Invalid(message!), cancellationToken).ConfigureAwait(false);
            return;
        }

        state.NoteModel(model);
        var fault = behaviour.Fault is { } configured && state.Dice.Hits(configured) ? configured : null;
        var firstByteDelay = stream ? behaviour.TtftMs : behaviour.LatencyMs;
        switch (fault?.Kind)
        {
            case FaultKind.Status:
                await TokenPacer.DelayAsync(firstByteDelay, state.Time, cancellationToken).ConfigureAwait(false);
                await WriteFaultAsync(response, fault, fault.Status, request, cancellationToken).ConfigureAwait(false);
                return;
            case FaultKind.Timeout:
                await HoldUntilClientGivesUpAsync(context, cancellationToken).ConfigureAwait(false);
                return;
            case FaultKind.Drop:
                await TokenPacer.DelayAsync(firstByteDelay, state.Time, cancellationToken).ConfigureAwait(false);
                context.Abort();
                return;
            case FaultKind.ErrorEventAfter when !stream:
                // A whole response has no stream to break: answer with the server error the event would carry.
                await TokenPacer.DelayAsync(firstByteDelay, state.Time, cancellationToken).ConfigureAwait(false);
                await WriteFaultAsync(response, fault, 500, request, cancellationToken).ConfigureAwait(false);
                return;
        }

        var reply = request.ToolCall is { } call
            ? Reply.ForToolCall(call)
            : Reply.ForText(model, request.UserTextHash, behaviour.OutputTokens, request.MaxTokens);
        var head = new GeminiHead(state.NextResponseId(), model);
        if (stream)
        {
            await GenerateContentStream.WriteAsync(context, request, reply, head, behaviour, fault, state.Time, cancellationToken).ConfigureAwait(false);
            return;
        }

        await TokenPacer.DelayAsync(behaviour.LatencyMs, state.Time, cancellationToken).ConfigureAwait(false);
        await WriteWholeAsync(response, request, reply, head, cutMidBody: fault?.Kind == FaultKind.CutAfter, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteWholeAsync(HttpResponse response, GenerateContentRequest request, Reply reply, GeminiHead head,
        bool cutMidBody, CancellationToken cancellationToken)
    {
        using var buffer = new PooledBufferWriter(2048);
        var writer = OpenAIJson.Rent(buffer);
        GenerateContentWriter.WriteWhole(writer, head, request, reply);
        OpenAIJson.Return(writer);

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=UTF-8";
        response.ContentLength = buffer.WrittenCount;

        // Falling short of the Content-Length makes Kestrel close the connection after half the body.
        var length = cutMidBody ? buffer.WrittenCount / 2 : buffer.WrittenCount;
        await response.BodyWriter.WriteAsync(buffer.WrittenMemory[..length], cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteFaultAsync(HttpResponse response, Fault fault, int status, GenerateContentRequest request, CancellationToken cancellationToken) =>
        GeminiErrorWriter.WriteAsync(
            response,
            GeminiError.ForFault(status, fault.Code, fault.Type, fault.Message, fault.RetryAfterSeconds, request.Model, request.PromptTokens),
            cancellationToken);

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
