using System.Text.Json;

namespace Junction.Simulator.OpenAI;

/// <summary>An error as OpenAI reports it: the HTTP status and the body's <c>message</c>, <c>type</c>, <c>param</c>, <c>code</c>.</summary>
internal sealed record OpenAIError(int Status, string Message, string Type, string? Param, string? Code)
{
    public const string InvalidRequest = "invalid_request_error";

    public static readonly OpenAIError InvalidJson = new(400,
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. "
        + "The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
        InvalidRequest, null, null);

    public static readonly OpenAIError MissingModel = new(400, "you must provide a model parameter", InvalidRequest, null, null);

    public static readonly OpenAIError MissingApiKey = new(401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        InvalidRequest, null, null);

    public static readonly OpenAIError IncorrectApiKey = new(401, "Incorrect API key provided.", InvalidRequest, null, "invalid_api_key");

    public static OpenAIError MissingParameter(string param) =>
        new(400, $"Missing required parameter: '{param}'.", InvalidRequest, param, "missing_required_parameter");

    public static OpenAIError InvalidType(string param, string expected, JsonTokenType got) =>
        new(400, $"Invalid type for '{param}': expected {expected}, but got {Describe(got)} instead.", InvalidRequest, param, "invalid_type");

    public static OpenAIError InvalidValue(string param, string message) =>
        new(400, $"Invalid value for '{param}': {message}", InvalidRequest, param, "invalid_value");

    public static OpenAIError EmptyArray(string param) =>
        new(400, $"Invalid '{param}': empty array. Expected an array with minimum length 1, but got an empty array instead.", InvalidRequest, param, "empty_array");

    public static OpenAIError BelowMinimum(string param, int value) =>
        new(400, $"Invalid '{param}': integer below minimum value. Expected a value >= 1, but got {value} instead.", InvalidRequest, param, "integer_below_min_value");

    public static OpenAIError NotFound(string method, string path) =>
        new(404, $"Invalid URL ({method} {path})", InvalidRequest, null, null);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.Null => "null",
        _ => "an unexpected value",
    };

    /// <summary>The error an injected status fault answers with: OpenAI's wording for that status and code.</summary>
    public static OpenAIError ForFault(int status, string? code, string? type, string? message, string model)
    {
        code ??= status switch
        {
            429 => "rate_limit_exceeded",
            400 => null,
            401 => "invalid_api_key",
            404 => "model_not_found",
            >= 500 => "server_error",
            _ => null,
        };
        type ??= code switch
        {
            "insufficient_quota" => "insufficient_quota",
            "rate_limit_exceeded" => "requests",
            _ => status >= 500 ? "server_error" : InvalidRequest,
        };
        message ??= (status, code) switch
        {
            (429, "insufficient_quota") =>
                "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
            (429, _) =>
                $"Rate limit reached for {model} in organization org-simulator on requests per min (RPM): Limit 60, Used 60, Requested 1. Please try again later.",
            (_, "context_length_exceeded") =>
                "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens. Please reduce the length of the messages.",
            (401, _) => "Incorrect API key provided.",
            (403, _) => "You are not allowed to sample from this model.",
            (404, _) => $"The model `{model}` does not exist or you do not have access to it.",
            (502, _) => "Bad gateway.",
            (503, _) => "The engine is currently overloaded, please try again later.",
            (>= 500, _) => "The server had an error while processing your request. Sorry about that!",
            _ => "Simulated error.",
        };
        var param = code == "context_length_exceeded" ? "messages" : null;
        return new OpenAIError(status, message, type, param, code);
    }
}
