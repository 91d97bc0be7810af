using System.Text.Json;

namespace Junction.Core.Routing.Trace;

/// <summary>
/// The escaped UTF-8 form of the strings every trace repeats: model ids and providers from the catalog, layer names
/// and rules from the compiled policy. Those are the same string instances request after request, so their encoding
/// is cached per thread by reference; a 42-model trace has about forty rejections that mostly share one or two rules,
/// and escaping each rule's quotes again was a tenth of the gateway's CPU under load.
/// </summary>
internal static class EncodedText
{
    /// <summary>Bounds what a stream of one-off policies (each with its own rule strings) can pin in memory.</summary>
    private const int MaxEntries = 4096;

    [ThreadStatic]
    private static Dictionary<string, JsonEncodedText>? t_cache;

    /// <summary><paramref name="text"/> encoded with <see cref="TraceJson.WriterOptions"/>' encoder.</summary>
    public static JsonEncodedText Of(string text)
    {
        var cache = t_cache ??= new Dictionary<string, JsonEncodedText>(ReferenceEqualityComparer.Instance);
        if (cache.TryGetValue(text, out var encoded))
        {
            return encoded;
        }

        if (cache.Count >= MaxEntries)
        {
            cache.Clear();
        }

        encoded = JsonEncodedText.Encode(text, TraceJson.WriterOptions.Encoder);
        cache[text] = encoded;
        return encoded;
    }
}
