using System.Globalization;
using System.Text.Json;
using Junction.Simulator.Http;
using Microsoft.AspNetCore.Http;

namespace Junction.Simulator.Anthropic;

/// <summary>Writes errors in Anthropic's shape: <c>{"type":"error","error":{"type","message"},"request_id"}</c>.</summary>
internal static class AnthropicErrorWriter
{
    public static void WriteBody(Utf8JsonWriter writer, AnthropicError error, ulong requestId)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "error"u8);
        writer.WriteStartObject("error"u8);
        writer.WriteString("type"u8, error.Type);
        writer.WriteString("message"u8, error.Message);
        writer.WriteEndObject();
        MessageHead.WriteId(writer, "request_id"u8, "req_"u8, requestId);
        writer.WriteEndObject();
    }

    /// <summary>Sends the error as the whole response, with <c>retry-after</c> (and <c>retry-after-ms</c>) when given.</summary>
    public static async Task WriteAsync(HttpResponse response, AnthropicError error, ulong requestId, double? retryAfterSeconds, CancellationToken cancellationToken)
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
        WriteBody(writer, error, requestId);
        SimulatorJson.Return(writer);
        response.ContentLength = buffer.WrittenCount;
        await response.BodyWriter.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }
}
