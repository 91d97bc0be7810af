namespace Junction.Simulator.Behaviour;

/// <summary>A validated, immutable copy of a <see cref="FaultSpec"/>, safe to share between requests.</summary>
internal sealed class Fault
{
    private Fault(FaultSpec spec)
    {
        Kind = spec switch
        {
            { Status: not null } => FaultKind.Status,
            { Timeout: true } => FaultKind.Timeout,
            { Drop: true } => FaultKind.Drop,
            { CutAfter: not null } => FaultKind.CutAfter,
            _ => FaultKind.ErrorEventAfter,
        };
        Status = spec.Status ?? 0;
        Code = spec.Code;
        Type = spec.Type;
        Message = spec.Message;
        RetryAfterSeconds = spec.RetryAfterSeconds;
        Count = spec.CutAfter ?? spec.ErrorEventAfter ?? 0;
        Rate = spec.Rate;
    }

    public FaultKind Kind { get; }

    public int Status { get; }

    public string? Code { get; }

    public string? Type { get; }

    public string? Message { get; }

    public double? RetryAfterSeconds { get; }

    /// <summary>Content chunks sent before a <see cref="FaultKind.CutAfter"/> or <see cref="FaultKind.ErrorEventAfter"/>.</summary>
    public int Count { get; }

    public double Rate { get; }

    /// <summary>Copies a spec, or gives <see langword="null"/> for none; an invalid spec throws, so bad options fail at start.</summary>
    public static Fault? From(FaultSpec? spec)
    {
        if (spec is null)
        {
            return null;
        }
        var error = Validate(spec);
        if (error is not null)
        {
            throw new ArgumentException($"Invalid simulator fault: {error}", nameof(spec));
        }
        return new Fault(spec);
    }

    /// <summary>Says what is wrong with a spec, or <see langword="null"/> when it is valid.</summary>
    public static string? Validate(FaultSpec spec)
    {
        var kinds = (spec.Status is null ? 0 : 1) + (spec.Timeout ? 1 : 0) + (spec.Drop ? 1 : 0)
            + (spec.CutAfter is null ? 0 : 1) + (spec.ErrorEventAfter is null ? 0 : 1);
        if (kinds != 1)
        {
            return "Set exactly one of status, timeout, drop, cut_after, error_event_after.";
        }
        if (spec.Status is { } status && (status < 400 || status > 599))
        {
            return $"status must be an HTTP error status (400-599), not {status}.";
        }
        if (spec.CutAfter is < 0 || spec.ErrorEventAfter is < 0)
        {
            return "cut_after and error_event_after must be 0 or more.";
        }
        if (spec.RetryAfterSeconds is < 0 || double.IsNaN(spec.RetryAfterSeconds ?? 0))
        {
            return "retry_after must be 0 or more seconds.";
        }
        if (!(spec.Rate is >= 0 and <= 1))
        {
            return "rate must be between 0 and 1.";
        }
        return null;
    }
}
