using System.Text.Json;

namespace Junction.Server.Pipeline;

/// <summary>
/// The root <c>junction</c> object of a response (or of a stream's final chunk): which model and provider served,
/// estimated and actual cost, the policy fingerprint, the trace id and how many attempts it took.
/// </summary>
internal readonly record struct ServedInfo(
    string Model,
    string Provider,
    string Upstream,
    double? EstimatedCost,
    double? ActualCost,
    string Policy,
    string TraceId,
    int Attempts)
{
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("junction"u8);
        writer.WriteString("model"u8, Model);
        writer.WriteString("provider"u8, Provider);
        writer.WriteString("upstream"u8, Upstream);
        WriteNumberOrNull(writer, "estimated_cost"u8, EstimatedCost);
        WriteNumberOrNull(writer, "actual_cost"u8, ActualCost);
        writer.WriteString("policy"u8, Policy);
        writer.WriteString("trace_id"u8, TraceId);
        writer.WriteNumber("attempts"u8, Attempts);
        writer.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double? value)
    {
        if (value is { } v)
        {
            // Costs are tiny fractions of a dollar: round away float noise (1e-10 USD is far below any bill).
            writer.WriteNumber(name, Math.Round(v, 10));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
