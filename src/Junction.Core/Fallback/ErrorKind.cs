namespace Junction.Core.Fallback;

/// <summary>
/// What went wrong with one provider attempt. The retryable kinds are the policy's <c>fallback.on</c> values;
/// <see cref="ClientError"/>, <see cref="Auth"/> and <see cref="QuotaExhausted"/> never move to another model.
/// </summary>
public enum ErrorKind
{
    RateLimited,
    Overloaded,
    ServerError,
    Timeout,
    Connect,
    ContextLength,
    ClientError,
    Auth,
    QuotaExhausted,
}

/// <summary>The wire names of <see cref="ErrorKind"/> used in policies and traces.</summary>
public static class ErrorKindNames
{
    public static string ToWire(this ErrorKind kind) => kind switch
    {
        ErrorKind.RateLimited => "rate_limited",
        ErrorKind.Overloaded => "overloaded",
        ErrorKind.ServerError => "server_error",
        ErrorKind.Timeout => "timeout",
        ErrorKind.Connect => "connect",
        ErrorKind.ContextLength => "context_length",
        ErrorKind.ClientError => "client_error",
        ErrorKind.Auth => "auth",
        _ => "quota_exhausted",
    };

    /// <summary>Parses one of the kinds a policy may name in <c>fallback.on</c> (the retryable ones).</summary>
    public static bool TryParseRetryable(string name, out ErrorKind kind)
    {
        kind = name switch
        {
            "rate_limited" => ErrorKind.RateLimited,
            "overloaded" => ErrorKind.Overloaded,
            "server_error" => ErrorKind.ServerError,
            "timeout" => ErrorKind.Timeout,
            "connect" => ErrorKind.Connect,
            "context_length" => ErrorKind.ContextLength,
            _ => ErrorKind.ClientError,
        };
        return kind != ErrorKind.ClientError;
    }
}
