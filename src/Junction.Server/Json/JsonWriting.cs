using System.Text.Encodings.Web;
using System.Text.Json;

namespace Junction.Server.Json;

/// <summary>How the gateway writes JSON: minimal escaping (quotes, backslashes and control characters only), since every body is application/json.</summary>
internal static class JsonWriting
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The source-generated context for the gateway's own bodies, with the same escaping.</summary>
    public static readonly ServerJsonContext Context = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
