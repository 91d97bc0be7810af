using System.Globalization;
using System.Text.Json;
using Junction.Core.Fallback;
using Junction.Server.Ingress.OpenAI;
using Junction.Server.Json;

namespace Junction.Server.Ingress.Anthropic;

/// <summary>
/// Writes an <see cref="ApiError"/> in Anthropic's shape, <c>{"type":"error","error":{"type","message"}}</c>, with
/// Anthropic's error types; Junction's own code and the trace ride along under <c>junction</c>.
/// </summary>
internal static class AnthropicErrorWriter
{
    public static async Task WriteAsync(HttpContext context, ApiError error)
    {
        var response = context.Response;
        response.StatusCode = Status(error);
        response.ContentType = "application/json";
        if (error.RetryAfterSeconds is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        using (var writer = new Utf8JsonWriter(response.BodyWriter, JsonWriting.WriterOptions))
        {
            Write(writer, error, withTrace: true);
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>The error document (also the <c>data</c> of a stream's <c>error</c> event, without the trace).</summary>
    public static void Write(Utf8JsonWriter writer, ApiError error, bool withTrace)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "error"u8);
        writer.WriteStartObject("error"u8);
        writer.WriteString("type"u8, Type(error));
        writer.WriteString("message"u8, error.Message);
        writer.WriteEndObject();
        writer.WriteStartObject("junction"u8);
        writer.WriteString("code"u8, error.Code);
        if (error.Param is not null)
        {
            writer.WriteString("param"u8, error.Param);
        }

        if (withTrace && !error.TraceJson.IsEmpty)
        {
            writer.WritePropertyName("trace"u8);
            writer.WriteRawValue(error.TraceJson.Span, skipInputValidation: true);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>An overloaded upstream is Anthropic's 529; everything else keeps the gateway's status.</summary>
    public static int Status(ApiError error) => error.UpstreamKind == ErrorKind.Overloaded ? 529 : error.Status;

    /// <summary>Anthropic's error type for the status (and upstream kind).</summary>
    public static string Type(ApiError error)
    {
        if (error.UpstreamKind == ErrorKind.Overloaded)
        {
            return "overloaded_error";
        }

        return error.Status switch
        {
            401 => "authentication_error",
            403 => "permission_error",
            404 => "not_found_error",
            413 => "request_too_large",
            429 => "rate_limit_error",
            529 or 503 => "overloaded_error",
            >= 500 => "api_error",
            _ => "invalid_request_error",
        };
    }
}
