using System.Globalization;
using System.Text.Json;
using Junction.Simulator.Http;
using Microsoft.AspNetCore.Http;

namespace Junction.Simulator.OpenAI;

/// <summary>Writes errors in OpenAI's shape: <c>{"error":{"message","type","param","code"}}</c>.</summary>
internal static class OpenAIErrorWriter
{
    public static void WriteBody(Utf8JsonWriter writer, OpenAIError error)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error"u8);
        writer.WriteString("message"u8, error.Message);
        writer.WriteString("type"u8, error.Type);
        writer.WriteString("param"u8, error.Param);
        writer.WriteString("code"u8, error.Code);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Sends the error as the whole response, with <c>retry-after</c> (and <c>retry-after-ms</c>) when given.</summary>
    public static async Task WriteAsync(HttpResponse response, OpenAIError error, double? retryAfterSeconds, CancellationToken cancellationToken)
    {
        response.StatusCode = error.Status;
        response.ContentType = "application/json";
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = Math.Ceiling(seconds).ToString(CultureInfo.InvariantCulture);
            response.Headers["retry-after-ms"] = Math.Round(seconds * 1000).ToString(CultureInfo.InvariantCulture);
        }

        using var buffer = new PooledBufferWriter(512);
        var writer = SimulatorJson.Rent(buffer);
        WriteBody(writer, error);
        SimulatorJson.Return(writer);
        response.ContentLength = buffer.WrittenCount;
        await response.BodyWriter.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }
}
