using System.Text.Json;
using Junction.Server.Json;

namespace Junction.Server.Admin;

/// <summary>One invalid field of an admin request: its path and why.</summary>
internal sealed record FieldError(string Field, string Reason);

/// <summary>Errors of the admin API as RFC 9457 problem details (<c>application/problem+json</c>) with a <c>code</c> and, for invalid input, <c>errors</c> naming each field.</summary>
internal static class AdminProblems
{
    public static async Task WriteAsync(HttpContext context, int status, string code, string detail, IReadOnlyList<FieldError>? errors = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/problem+json";
        using (var writer = new Utf8JsonWriter(response.BodyWriter, JsonWriting.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "https://junction.dev/problems/" + code);
            writer.WriteString("title", Title(status));
            writer.WriteNumber("status", status);
            writer.WriteString("code", code);
            writer.WriteString("detail", detail);
            if (errors is not null)
            {
                writer.WriteStartArray("errors");
                foreach (var error in errors)
                {
                    writer.WriteStartObject();
                    writer.WriteString("field", error.Field);
                    writer.WriteString("reason", error.Reason);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private static string Title(int status) => status switch
    {
        400 => "Invalid request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        503 => "Unavailable",
        _ => "Error",
    };
}
