using System.Text.Json;
using Junction.Simulator.Text;

namespace Junction.Simulator.Gemini;

/// <summary>What every chunk of one Gemini response repeats: the model version and the response id.</summary>
internal readonly struct GeminiHead(ulong id, string model)
{
    /// <summary>Gemini's response ids are 23 URL-safe characters.</summary>
    private const int IdLength = 23;

    public string Model { get; } = model;

    public void Write(Utf8JsonWriter writer)
    {
        Span<byte> idText = stackalloc byte[IdLength];
        Base62.Write(id, idText[..11]);
        Base62.Write(TextHash.Mix(id), idText[11..]);
        writer.WriteString("modelVersion"u8, Model);
        writer.WriteString("responseId"u8, idText);
    }
}
