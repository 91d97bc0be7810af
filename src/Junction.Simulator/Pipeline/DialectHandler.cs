using Junction.Simulator.Behaviour;
using Junction.Simulator.Http;
using Junction.Simulator.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Junction.Simulator.Pipeline;

/// <summary>
/// Serves one dialect's completion endpoint: counts the request, lets the dialect refuse it or read its body, resolves the
/// model's behaviour and any fault, paces the answer, then has the dialect write it whole or streamed.
/// </summary>
internal sealed class DialectHandler<TRequest, TError>(SimulatorState state, ISimulatorDialect<TRequest, TError> dialect)
    where TRequest : class, ISimulatedRequest
    where TError : class
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
        if (dialect.Refuse(context) is { } refusal)
        {
            await dialect.WriteErrorAsync(response, refusal, cancellationToken).ConfigureAwait(false);
            return;
        }

        TRequest? request;
        TError? error;
        using (var body = await RequestBody.ReadAsync(context.Request.BodyReader, cancellationToken).ConfigureAwait(false))
        {
            request = dialect.Read(context, body.Memory, out error);
        }

        if (request is null)
        {
            await dialect.WriteErrorAsync(response, error!, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!BehaviourResolver.TryResolve(context.Request.Headers, state.Behaviours.For(request.Model), out var behaviour, out var header, out var message))
        {
            await dialect.WriteErrorAsync(response, dialect.HeaderError(header, message!), cancellationToken).ConfigureAwait(false);
            return;
        }

        state.NoteModel(request.Model);
        var fault = behaviour.Fault is { } configured && state.Dice.Hits(configured) ? configured : null;
        var firstByteDelay = request.Stream ? behaviour.TtftMs : behaviour.LatencyMs;
        switch (fault?.Kind)
        {
            case FaultKind.Status:
                await TokenPacer.DelayAsync(firstByteDelay, state.Time, cancellationToken).ConfigureAwait(false);
                await dialect.WriteFaultAsync(response, request, fault, inPlaceOfStreamError: false, cancellationToken).ConfigureAwait(false);
                return;
            case FaultKind.Timeout:
                await HoldUntilClientGivesUpAsync(context, cancellationToken).ConfigureAwait(false);
                return;
            case FaultKind.Drop:
                await TokenPacer.DelayAsync(firstByteDelay, state.Time, cancellationToken).ConfigureAwait(false);
                context.Abort();
                return;
            case FaultKind.ErrorEventAfter when !request.Stream:
                await TokenPacer.DelayAsync(firstByteDelay, state.Time, cancellationToken).ConfigureAwait(false);
                await dialect.WriteFaultAsync(response, request, fault, inPlaceOfStreamError: true, cancellationToken).ConfigureAwait(false);
                return;
        }

        var reply = request.ToolCall is { } call
            ? Reply.ForToolCall(call)
            : Reply.ForText(request.Model, request.UserTextHash, behaviour.OutputTokens, request.MaxTokens, request.StopSequences);
        var id = state.NextResponseId();
        var created = state.Time.GetUtcNow();
        if (request.Stream)
        {
            await dialect.WriteStreamAsync(context, request, reply, id, created, behaviour, fault, cancellationToken).ConfigureAwait(false);
            return;
        }

        await TokenPacer.DelayAsync(behaviour.LatencyMs, state.Time, cancellationToken).ConfigureAwait(false);
        await WriteWholeAsync(response, request, reply, id, created, cutMidBody: fault?.Kind == FaultKind.CutAfter, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteWholeAsync(HttpResponse response, TRequest request, Reply reply, ulong id, DateTimeOffset created,
        bool cutMidBody, CancellationToken cancellationToken)
    {
        using var buffer = new PooledBufferWriter(2048);
        var writer = SimulatorJson.Rent(buffer);
        dialect.WriteWhole(writer, request, reply, id, created);
        SimulatorJson.Return(writer);

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = dialect.JsonContentType;
        response.ContentLength = buffer.WrittenCount;

        // A whole response has no chunks to count: a cut sends half the body. Falling short of the Content-Length
        // makes Kestrel close the connection after it, so the client reads a truncated body.
        var length = cutMidBody ? buffer.WrittenCount / 2 : buffer.WrittenCount;
        await response.BodyWriter.WriteAsync(buffer.WrittenMemory[..length], cancellationToken).ConfigureAwait(false);
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
