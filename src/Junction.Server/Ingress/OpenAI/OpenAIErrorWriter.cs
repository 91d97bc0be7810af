using System.Globalization;
using System.Text.Json;
using Junction.Server.Json;

namespace Junction.Server.Ingress.OpenAI;

/// <summary>Writes an <see cref="ApiError"/> as <c>{"error":{"message","type","param","code"}}</c>, OpenAI's error shape.</summary>
internal static class OpenAIErrorWriter
{
    public static async Task WriteAsync(HttpContext context, ApiError error)
    {
        var response = context.Response;
        response.StatusCode = error.Status;
        response.ContentType = "application/json";
        if (error.RetryAfterSeconds is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        using (var writer = new Utf8JsonWriter(response.BodyWriter, JsonWriting.WriterOptions))
        {
            Write(writer, error);
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>Writes the error object (and the trace, where there is one) as one JSON document.</summary>
    public static void Write(Utf8JsonWriter writer, ApiError error)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("error"u8);
        WriteErrorObject(writer, error);
        if (!error.TraceJson.IsEmpty)
        {
            writer.WritePropertyName("trace"u8);
            writer.WriteRawValue(error.TraceJson.Span, skipInputValidation: true);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes just the inner <c>error</c> object (also what a failed stream's last chunk carries).</summary>
    public static void WriteErrorObject(Utf8JsonWriter writer, ApiError error)
    {
        writer.WriteStartObject();
        writer.WriteString("message"u8, error.Message);
        writer.WriteString("type"u8, error.Type);
        if (error.Param is null)
        {
            writer.WriteNull("param"u8);
        }
        else
        {
            writer.WriteString("param"u8, error.Param);
        }

        if (error.Code is null)
        {
            writer.WriteNull("code"u8);
        }
        else
        {
            writer.WriteString("code"u8, error.Code);
        }

        if (error.PolicyErrors is { } errors)
        {
            writer.WriteStartArray("errors"u8);
            foreach (var e in errors)
            {
                writer.WriteStartObject();
                writer.WriteString("path"u8, e.Path);
                writer.WriteString("message"u8, e.Message);
                if (e.Suggestion is null)
                {
                    writer.WriteNull("suggestion"u8);
                }
                else
                {
                    writer.WriteString("suggestion"u8, e.Suggestion);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
