using System.Globalization;
using System.Text.Json;
using Junction.Server.Ingress.OpenAI;
using Junction.Server.Json;

namespace Junction.Server.Native;

/// <summary>
/// Native API errors as RFC 9457 problem details: <c>type</c>, <c>title</c>, <c>status</c>, <c>code</c>, <c>detail</c>,
/// <c>errors</c> (<c>field</c> and <c>reason</c>) when a field is at fault, and the routing <c>trace</c> when there is one.
/// </summary>
internal static class NativeProblems
{
    public static async Task WriteAsync(HttpContext context, ApiError error)
    {
        var response = context.Response;
        response.StatusCode = error.Status;
        response.ContentType = "application/problem+json";
        if (error.RetryAfterSeconds is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        using (var writer = new Utf8JsonWriter(response.BodyWriter, JsonWriting.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "https://junction.dev/problems/" + (error.Code ?? "error"));
            writer.WriteString("title"u8, error.Type);
            writer.WriteNumber("status"u8, error.Status);
            writer.WriteString("code"u8, error.Code);
            writer.WriteString("detail"u8, error.Message);
            if (error.Param is not null || error.PolicyErrors is not null)
            {
                writer.WriteStartArray("errors"u8);
                if (error.PolicyErrors is { } policyErrors)
                {
                    foreach (var e in policyErrors)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("field"u8, $"{error.Param}{(e.Path.Length == 0 || e.Path.StartsWith('.') ? string.Empty : ".")}{e.Path}");
                        writer.WriteString("reason"u8, e.Message);
                        writer.WriteEndObject();
                    }
                }
                else
                {
                    writer.WriteStartObject();
                    writer.WriteString("field"u8, error.Param);
                    writer.WriteString("reason"u8, error.Message);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            if (!error.TraceJson.IsEmpty)
            {
                writer.WritePropertyName("trace"u8);
                writer.WriteRawValue(error.TraceJson.Span, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
