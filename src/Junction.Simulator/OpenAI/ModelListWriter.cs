using System.Text.Json;

namespace Junction.Simulator.OpenAI;

/// <summary>Writes OpenAI's model objects and the <c>list</c> that holds them. Cold path.</summary>
internal static class ModelListWriter
{
    public static void WriteList(Utf8JsonWriter writer, List<string> modelIds, long created)
    {
        writer.WriteStartObject();
        writer.WriteString("object"u8, "list"u8);
        writer.WriteStartArray("data"u8);
        foreach (var id in modelIds)
        {
            WriteModel(writer, id, created);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteModel(Utf8JsonWriter writer, string id, long created)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, id);
        writer.WriteString("object"u8, "model"u8);
        writer.WriteNumber("created"u8, created);
        writer.WriteString("owned_by"u8, "junction-simulator"u8);
        writer.WriteEndObject();
    }
}
