using System.Globalization;
using System.Text.Json;
using Junction.Simulator.Http;
using Junction.Simulator.OpenAI;
using Microsoft.AspNetCore.Http;

namespace Junction.Simulator.Gemini;

/// <summary>Writes errors in Google's shape: <c>{"error":{"code","message","status","details"}}</c>.</summary>
internal static class GeminiErrorWriter
{
    public static void WriteBody(Utf8JsonWriter writer, GeminiError error)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error"u8);
        writer.WriteNumber("code"u8, error.Code);
        writer.WriteString("message"u8, error.Message);
        writer.WriteString("status"u8, error.Status);
        if (error.Detail != GeminiErrorDetail.None || error.RetryDelaySeconds is not null)
        {
            writer.WriteStartArray("details"u8);
            WriteDetails(writer, error);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Sends the error as the whole response. Like Google, it sends no <c>retry-after</c> header: the delay is in <c>RetryInfo</c>.</summary>
    public static async Task WriteAsync(HttpResponse response, GeminiError error, CancellationToken cancellationToken)
    {
        response.StatusCode = error.Code;
        response.ContentType = "application/json; charset=UTF-8";
        using var buffer = new PooledBufferWriter(1024);
        var writer = SimulatorJson.Rent(buffer);
        WriteBody(writer, error);
        SimulatorJson.Return(writer);
        response.ContentLength = buffer.WrittenCount;
        await response.BodyWriter.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    private static void WriteDetails(Utf8JsonWriter writer, GeminiError error)
    {
        switch (error.Detail)
        {
            case GeminiErrorDetail.RateLimit:
                WriteQuotaFailure(writer, "GenerateRequestsPerMinutePerProjectPerModel", "generate_content_requests", "60", error.Model);
                WriteHelp(writer);
                break;
            case GeminiErrorDetail.DailyQuota:
                WriteQuotaFailure(writer, "GenerateRequestsPerDayPerProjectPerModel", "generate_requests_per_model_per_day", "1500", error.Model);
                WriteHelp(writer);
                break;
            case GeminiErrorDetail.ErrorInfo:
                writer.WriteStartObject();
                writer.WriteString("@type"u8, "type.googleapis.com/google.rpc.ErrorInfo"u8);
                writer.WriteString("reason"u8, error.Reason);
                writer.WriteString("domain"u8, "googleapis.com"u8);
                writer.WriteStartObject("metadata"u8);
                writer.WriteString("service"u8, "generativelanguage.googleapis.com"u8);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
        }

        if (error.RetryDelaySeconds is { } delay)
        {
            writer.WriteStartObject();
            writer.WriteString("@type"u8, "type.googleapis.com/google.rpc.RetryInfo"u8);
            writer.WriteString("retryDelay"u8, delay.ToString(CultureInfo.InvariantCulture) + "s");
            writer.WriteEndObject();
        }
    }

    private static void WriteQuotaFailure(Utf8JsonWriter writer, string quotaId, string metric, string value, string? model)
    {
        writer.WriteStartObject();
        writer.WriteString("@type"u8, "type.googleapis.com/google.rpc.QuotaFailure"u8);
        writer.WriteStartArray("violations"u8);
        writer.WriteStartObject();
        writer.WriteString("quotaMetric"u8, "generativelanguage.googleapis.com/" + metric);
        writer.WriteString("quotaId"u8, quotaId);
        writer.WriteStartObject("quotaDimensions"u8);
        writer.WriteString("location"u8, "global"u8);
        writer.WriteString("model"u8, model ?? "unknown");
        writer.WriteEndObject();
        writer.WriteString("quotaValue"u8, value);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteHelp(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("@type"u8, "type.googleapis.com/google.rpc.Help"u8);
        writer.WriteStartArray("links"u8);
        writer.WriteStartObject();
        writer.WriteString("description"u8, "Learn more about Gemini API quotas"u8);
        writer.WriteString("url"u8, "https://ai.google.dev/gemini-api/docs/rate-limits"u8);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
