using System.Buffers;
using System.Text;
using System.Text.Json;
using Junction.Core.Catalog;
using Junction.Core.Policy;

namespace Junction.Core.Routing.Evaluation;

/// <summary>
/// Reads a policy field of one model: numbers for comparisons and scorers, text and sets for equality,
/// and the JSON text of any field for a rejection's <c>actual</c>.
/// </summary>
internal static class ModelFields
{
    /// <summary>
    /// The numeric value of a field; booleans read as 1 or 0 and non-numeric fields as NaN, so no
    /// comparison with them holds.
    /// </summary>
    public static double Number(FieldId field, ModelEntry model, in ModelLiveStats stats, double estCost, double estLatencyMs) => field switch
    {
        FieldId.PriceIn => model.PriceIn,
        FieldId.PriceOut => model.PriceOut,
        FieldId.ContextWindow => model.ContextWindow,
        FieldId.MaxOutput => model.MaxOutput,
        FieldId.BenchIntelligence => model.BenchIntelligence,
        FieldId.OpenWeights => model.OpenWeights ? 1 : 0,
        FieldId.LatencyP50Ms => stats.LatencyP50Ms,
        FieldId.TtftP50Ms => stats.TtftP50Ms,
        FieldId.TokensPerS => stats.TokensPerS,
        FieldId.Availability => stats.Availability,
        FieldId.ErrorRate => stats.ErrorRate,
        FieldId.EstCost => estCost,
        FieldId.EstLatencyMs => estLatencyMs,
        _ => double.NaN,
    };

    /// <summary>The value of a single-valued string field, or null when the field is not one.</summary>
    public static string? Text(FieldId field, ModelEntry model, in ModelLiveStats stats) => field switch
    {
        FieldId.Model => model.Id,
        FieldId.Provider => model.Provider,
        FieldId.Family => model.Family,
        FieldId.Tier => model.Tier,
        FieldId.DataRetention => model.DataRetention,
        FieldId.Circuit => CircuitName(stats.Circuit),
        _ => null,
    };

    /// <summary>Whether a set-valued field (<c>region</c>, <c>capabilities</c>) contains a value.</summary>
    public static bool SetContains(FieldId field, ModelEntry model, string value)
    {
        if (field == FieldId.Capabilities)
        {
            return CapabilityNames.TryParse(value, out var flag) && (model.Capabilities & flag) == flag;
        }

        foreach (var region in model.Regions)
        {
            if (string.Equals(region, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static string CircuitName(CircuitState state) => state switch
    {
        CircuitState.Open => "open",
        CircuitState.HalfOpen => "half_open",
        _ => "closed",
    };

    /// <summary>The model's value of a field as JSON text (<c>0.41</c>, <c>"deepseek"</c>, <c>["asia"]</c>).</summary>
    public static string Json(FieldId field, ModelEntry model, in ModelLiveStats stats, double estCost, double estLatencyMs)
    {
        var writer = JsonText.Start();
        switch (PolicyFields.Get(field).Type)
        {
            case FieldType.String:
                writer.WriteStringValue(Text(field, model, stats));
                break;
            case FieldType.Boolean:
                writer.WriteBooleanValue(model.OpenWeights);
                break;
            case FieldType.StringSet:
                writer.WriteStartArray();
                var values = field == FieldId.Capabilities ? CapabilityNames.Names(model.Capabilities) : model.Regions;
                foreach (var value in values)
                {
                    writer.WriteStringValue(value);
                }

                writer.WriteEndArray();
                break;
            default:
                var number = Number(field, model, stats, estCost, estLatencyMs);
                if (double.IsFinite(number))
                {
                    writer.WriteNumberValue(number);
                }
                else
                {
                    writer.WriteNullValue();
                }

                break;
        }

        return JsonText.Finish();
    }

    /// <summary>A plain message as a JSON string literal, for rejections whose <c>actual</c> is an explanation.</summary>
    public static string JsonString(string message)
    {
        JsonText.Start().WriteStringValue(message);
        return JsonText.Finish();
    }

    /// <summary>
    /// One reusable writer per thread: a decision with hundreds of rejections writes hundreds of tiny values,
    /// and only the resulting strings need to be allocated.
    /// </summary>
    private static class JsonText
    {
        [ThreadStatic]
        private static ArrayBufferWriter<byte>? t_buffer;

        [ThreadStatic]
        private static Utf8JsonWriter? t_writer;

        public static Utf8JsonWriter Start()
        {
            var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
            buffer.ResetWrittenCount();
            if (t_writer is null)
            {
                t_writer = new Utf8JsonWriter(buffer, PolicyJsonWriter.Options);
            }
            else
            {
                t_writer.Reset(buffer);
            }

            return t_writer;
        }

        public static string Finish()
        {
            t_writer!.Flush();
            return Encoding.UTF8.GetString(t_buffer!.WrittenSpan);
        }
    }
}
