using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Junction.Simulator.Http;

/// <summary>
/// One cached <see cref="Utf8JsonWriter"/> per thread for writing every dialect's responses, events and errors. Writes never span an
/// await, so a writer is always returned on the thread that rented it.
/// </summary>
internal static class SimulatorJson
{
    // OpenAI, Anthropic and Google all send raw UTF-8 and do not escape HTML-sensitive characters.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly ArrayBufferWriter<byte> Detached = new(1);

    [ThreadStatic]
    private static Utf8JsonWriter? _threadWriter;

    public static Utf8JsonWriter Rent(IBufferWriter<byte> output)
    {
        var writer = _threadWriter;
        if (writer is null)
        {
            return new Utf8JsonWriter(output, Options);
        }
        _threadWriter = null;
        writer.Reset(output);
        return writer;
    }

    public static void Return(Utf8JsonWriter writer)
    {
        writer.Flush();
        writer.Reset(Detached);
        _threadWriter = writer;
    }
}
