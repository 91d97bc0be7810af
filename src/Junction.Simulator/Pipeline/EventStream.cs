using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Junction.Simulator.Behaviour;
using Junction.Simulator.Http;
using Junction.Simulator.Text;
using Microsoft.AspNetCore.Http;

namespace Junction.Simulator.Pipeline;

/// <summary>Writes one delta event per text token; a struct, so the per-token call is not boxed.</summary>
internal interface ITextDeltaFrames
{
    /// <summary>Writes the event for <paramref name="token"/>; <paramref name="last"/> marks the reply's last token.</summary>
    void WriteText(PipeWriter output, ReadOnlySpan<byte> token, bool last);
}

/// <summary>Writes one delta event per fragment of a tool call's arguments.</summary>
internal interface IArgumentDeltaFrames
{
    void WriteArguments(PipeWriter output, ReadOnlySpan<char> fragment);
}

/// <summary>
/// The framing and pacing every dialect's stream shares: the response start, a <c>cut_after</c> break, JSON events,
/// flushes that notice a departed client, and the paced loops over text tokens and argument fragments.
/// </summary>
internal static class EventStream
{
    /// <summary>Characters of tool-call arguments per delta, about what OpenAI sends.</summary>
    private const int ArgumentFragmentLength = 8;

    /// <summary>Starts the event stream and returns its body; a <c>cut_after</c> fault makes the stream end by a close.</summary>
    public static PipeWriter Start(HttpResponse response, Fault? fault)
    {
        ServerSentEvents.Start(response);
        if (fault?.Kind == FaultKind.CutAfter)
        {
            // A length the stream never reaches: Kestrel then closes the connection after what was sent
            // (Content-Length mismatch) instead of ending the chunked body. context.Abort() would be a reset
            // that can discard chunks already written but not yet on the wire.
            response.ContentLength = int.MaxValue;
        }

        return response.BodyWriter;
    }

    /// <summary>How many deltas a fault lets through before it breaks the stream.</summary>
    public static int DeltaLimit(Fault? fault) =>
        fault?.Kind is FaultKind.CutAfter or FaultKind.ErrorEventAfter ? fault.Count : int.MaxValue;

    /// <summary>Begins a <c>data:</c> event and rents the writer for its JSON.</summary>
    public static Utf8JsonWriter Begin(PipeWriter output)
    {
        ServerSentEvents.BeginData(output);
        return SimulatorJson.Rent(output);
    }

    /// <summary>Begins an event named by an <c>event:</c> line, as Anthropic names every event.</summary>
    public static Utf8JsonWriter Begin(PipeWriter output, ReadOnlySpan<byte> name)
    {
        output.Write("event: "u8);
        output.Write(name);
        output.Write("\n"u8);
        return Begin(output);
    }

    public static void End(PipeWriter output, Utf8JsonWriter writer)
    {
        SimulatorJson.Return(writer);
        ServerSentEvents.EndEvent(output);
    }

    /// <summary>Ends an event with the given separator (Google ends its events with <c>\r\n\r\n</c>).</summary>
    public static void End(PipeWriter output, Utf8JsonWriter writer, ReadOnlySpan<byte> separator)
    {
        SimulatorJson.Return(writer);
        output.Write(separator);
    }

    /// <summary>Sends what is buffered; false when the client has gone.</summary>
    public static async ValueTask<bool> FlushAsync(PipeWriter output, CancellationToken cancellationToken)
    {
        var result = await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return !result.IsCanceled && !result.IsCompleted;
    }

    /// <summary>One event per token, at the model's pace, each flushed as written; false when the client has gone.</summary>
    public static async Task<bool> WriteTextDeltasAsync<TFrames>(PipeWriter output, TFrames frames, ReplyText text, int deltaLimit,
        TokenPacer pacer, CancellationToken cancellationToken)
        where TFrames : struct, ITextDeltaFrames
    {
        var token = ArrayPool<byte>.Shared.Rent(text.MaxTokenLength);
        try
        {
            for (var i = 0; i < text.TokenCount && i < deltaLimit; i++)
            {
                await pacer.WaitForTokenAsync(i, cancellationToken).ConfigureAwait(false);
                var length = text.WriteToken(i, token);
                frames.WriteText(output, token.AsSpan(0, length), last: i == text.TokenCount - 1);
                if (!await FlushAsync(output, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(token);
        }
    }

    /// <summary>One event per fragment of <paramref name="arguments"/>, paced like tokens; false when the client has gone.</summary>
    public static async Task<bool> WriteArgumentDeltasAsync<TFrames>(PipeWriter output, TFrames frames, string arguments, int deltaLimit,
        TokenPacer pacer, CancellationToken cancellationToken)
        where TFrames : struct, IArgumentDeltaFrames
    {
        var offset = 0;
        for (var i = 0; offset < arguments.Length && i < deltaLimit; i++)
        {
            await pacer.WaitForTokenAsync(i, cancellationToken).ConfigureAwait(false);
            var length = Math.Min(ArgumentFragmentLength, arguments.Length - offset);

            // Never split a surrogate pair between two deltas.
            if (offset + length < arguments.Length && char.IsHighSurrogate(arguments[offset + length - 1]))
            {
                length++;
            }

            frames.WriteArguments(output, arguments.AsSpan(offset, length));
            offset += length;
            if (!await FlushAsync(output, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }
}
