using System.ComponentModel;
using Junction.Simulator.Behaviour;

namespace Junction.Simulator;

/// <summary>
/// A fault to inject: an error status, a request that never answers, a dropped connection, or a stream that
/// breaks part way. Set exactly one of <see cref="Status"/>, <see cref="Timeout"/>, <see cref="Drop"/>,
/// <see cref="CutAfter"/> or <see cref="ErrorEventAfter"/>. The text form (<see cref="Parse"/>) is the one the
/// <c>x-sim-fault</c> header uses, e.g. <c>status=429; retry_after=2</c>.
/// </summary>
[TypeConverter(typeof(FaultSpecConverter))]
public sealed class FaultSpec
{
    /// <summary>Answer with this HTTP status and an OpenAI-shaped error body.</summary>
    public int? Status { get; set; }

    /// <summary>The error <c>code</c>; defaults from the status (<c>rate_limit_exceeded</c> for 429, ...).</summary>
    public string? Code { get; set; }

    /// <summary>The error <c>type</c>; defaults from the status and code.</summary>
    public string? Type { get; set; }

    /// <summary>The error <c>message</c>; defaults to the text OpenAI sends for the status and code.</summary>
    public string? Message { get; set; }

    /// <summary>The <c>retry-after</c> of a 429, in seconds (default 1; none for <c>insufficient_quota</c>).</summary>
    public double? RetryAfterSeconds { get; set; }

    /// <summary>Accept the request and never answer until the client gives up.</summary>
    public bool Timeout { get; set; }

    /// <summary>Abort the connection without a response.</summary>
    public bool Drop { get; set; }

    /// <summary>Streamed: send this many content chunks, then abort the connection.</summary>
    public int? CutAfter { get; set; }

    /// <summary>Streamed: send this many content chunks, then an error event inside the 200 stream, then end.</summary>
    public int? ErrorEventAfter { get; set; }

    /// <summary>Fraction of requests (0..1) the fault hits; the rest are answered normally.</summary>
    public double Rate { get; set; } = 1;

    /// <summary>Parses the text form; <c>none</c> (or an empty text) gives <see langword="null"/>.</summary>
    /// <exception cref="FormatException">The text is not a valid fault.</exception>
    public static FaultSpec? Parse(string text)
    {
        if (!TryParse(text, out var spec, out var error))
        {
            throw new FormatException(error);
        }
        return spec;
    }

    /// <summary>Parses the text form without throwing; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out FaultSpec? spec, out string? error) =>
        FaultSpecParser.TryParse(text, out spec, out error);
}
