using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Junction.Server.Configuration;

/// <summary>
/// Turns a configuration section back into JSON, for settings that are JSON documents (policies).
/// Configuration flattens JSON into strings, so a section given as an object is rebuilt with inference:
/// children keyed 0..n-1 become arrays, <c>true</c>/<c>false</c> become booleans, numbers become numbers.
/// A section whose value is a string is taken as JSON text verbatim, which is the exact form (use it when a
/// string literal looks like a number). An empty object (<c>"Policy": {}</c>) leaves no trace in configuration, so it
/// reads as "no policy", which means the same.
/// </summary>
internal static class ConfigurationJson
{
    /// <summary>The section as UTF-8 JSON, or null when the section is absent.</summary>
    public static byte[]? ToUtf8Json(IConfigurationSection? section)
    {
        if (section is null)
        {
            return null;
        }

        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            if (section.Value is null)
            {
                return null;
            }

            // An empty value (an environment variable set to nothing) is the empty policy.
            return section.Value.Length == 0 ? "{}"u8.ToArray() : System.Text.Encoding.UTF8.GetBytes(section.Value);
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteNode(writer, children);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNode(Utf8JsonWriter writer, List<IConfigurationSection> children)
    {
        if (IsArray(children))
        {
            writer.WriteStartArray();
            foreach (var child in children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)))
            {
                WriteValue(writer, child);
            }

            writer.WriteEndArray();
            return;
        }

        writer.WriteStartObject();
        foreach (var child in children)
        {
            writer.WritePropertyName(child.Key);
            WriteValue(writer, child);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count > 0)
        {
            WriteNode(writer, children);
            return;
        }

        var value = section.Value;
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else if (bool.TryParse(value, out var boolean))
        {
            // The JSON configuration provider stores booleans as "True"/"False".
            writer.WriteBooleanValue(boolean);
        }
        else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    private static bool IsArray(List<IConfigurationSection> children)
    {
        var seen = new bool[children.Count];
        foreach (var child in children)
        {
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= seen.Length || seen[index])
            {
                return false;
            }

            seen[index] = true;
        }

        return true;
    }
}
