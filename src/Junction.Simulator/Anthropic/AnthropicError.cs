namespace Junction.Simulator.Anthropic;

/// <summary>An error as Anthropic reports it: the HTTP status and the body's error <c>type</c> and <c>message</c>.</summary>
internal sealed record AnthropicError(int Status, string Type, string Message)
{
    public const string InvalidRequest = "invalid_request_error";
    public const string Overloaded = "overloaded_error";

    public static readonly AnthropicError InvalidJson = new(400, InvalidRequest, "There was an error parsing the body of your request: it is not valid JSON.");

    public static readonly AnthropicError MissingApiKey = new(401, "authentication_error", "x-api-key header is required");

    public static readonly AnthropicError IncorrectApiKey = new(401, "authentication_error", "invalid x-api-key");

    public static AnthropicError MissingField(string field) => new(400, InvalidRequest, $"{field}: Field required");

    public static AnthropicError InvalidField(string field, string message) => new(400, InvalidRequest, $"{field}: {message}");

    /// <summary>
    /// The error an injected status fault answers with, in Anthropic's words. The OpenAI-style codes a fault may carry
    /// pick the message: <c>context_length_exceeded</c> is a prompt that is too long, <c>insufficient_quota</c> a credit
    /// balance that is too low (a <c>billing_error</c>, or at 400 the <c>invalid_request_error</c> Anthropic sends for it).
    /// </summary>
    public static AnthropicError ForFault(int status, string? code, string? type, string? message, string model)
    {
        var quota = code == "insufficient_quota";
        type ??= (status, quota) switch
        {
            (400, _) => InvalidRequest,
            (_, true) or (402, _) => "billing_error",
            (401, _) => "authentication_error",
            (403, _) => "permission_error",
            (404, _) => "not_found_error",
            (413, _) => "request_too_large",
            (429, _) => "rate_limit_error",
            (503 or 529, _) => Overloaded,
            (>= 500, _) => "api_error",
            _ => InvalidRequest,
        };
        message ??= (status, code) switch
        {
            (_, "context_length_exceeded") => "prompt is too long: 200001 tokens > 200000 maximum",
            (_, "insufficient_quota") => "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.",
            (401, _) => "invalid x-api-key",
            (402, _) => "Your account has a billing issue. Please visit Plans & Billing.",
            (403, _) => "Your API key does not have permission to use the specified resource.",
            (404, _) => $"model: {model}",
            (413, _) => "Request exceeds the maximum allowed number of bytes.",
            (429, _) => "This request would exceed the rate limit for your organization of 50 requests per minute. Please try again later.",
            (503 or 529, _) => "Overloaded",
            (>= 500, _) => "Internal server error",
            _ => "Simulated error.",
        };
        return new AnthropicError(status, type, message);
    }
}
