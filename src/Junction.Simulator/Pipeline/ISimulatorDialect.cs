using System.Text.Json;
using Junction.Simulator.Behaviour;
using Junction.Simulator.Text;
using Microsoft.AspNetCore.Http;

namespace Junction.Simulator.Pipeline;

/// <summary>
/// One wire dialect of the simulator: how a request is admitted and read, and how errors, faults, whole replies and
/// streams are written. <see cref="DialectHandler{TRequest, TError}"/> runs the steps every dialect shares.
/// </summary>
internal interface ISimulatorDialect<TRequest, TError>
    where TRequest : class, ISimulatedRequest
    where TError : class
{
    /// <summary>The <c>Content-Type</c> of a whole (non-streamed) reply.</summary>
    string JsonContentType { get; }

    /// <summary>The error refusing the request before its body is read: a missing or wrong key, a path it cannot serve.</summary>
    TError? Refuse(HttpContext context);

    /// <summary>Reads and validates the body; null with <paramref name="error"/> set when it is not acceptable.</summary>
    TRequest? Read(HttpContext context, ReadOnlyMemory<byte> body, out TError? error);

    /// <summary>The error for a simulator header (<c>x-sim-*</c>) that does not parse.</summary>
    TError HeaderError(string? header, string message);

    Task WriteErrorAsync(HttpResponse response, TError error, CancellationToken cancellationToken);

    /// <summary>
    /// Answers with the fault's error. <paramref name="inPlaceOfStreamError"/>: an <c>error_event_after</c> fault on a
    /// whole reply, which has no stream to break, so it gets the error the event would carry.
    /// </summary>
    Task WriteFaultAsync(HttpResponse response, TRequest request, Fault fault, bool inPlaceOfStreamError, CancellationToken cancellationToken);

    void WriteWhole(Utf8JsonWriter writer, TRequest request, Reply reply, ulong id, DateTimeOffset created);

    Task WriteStreamAsync(HttpContext context, TRequest request, Reply reply, ulong id, DateTimeOffset created,
        BehaviourSettings behaviour, Fault? fault, CancellationToken cancellationToken);
}
