using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Junction.Server.Ingress.OpenAI;
using Junction.Server.Pipeline;

namespace Junction.Server.Tests.Ingress.OpenAI;

/// <summary>
/// Text chunks after the first are written from bytes encoded once per stream; they must be exactly what writing
/// the whole chunk through <see cref="Utf8JsonWriter"/> gives, for any text, id and model.
/// </summary>
public sealed class ChatChunkWriterTests
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string> Texts => new()
    {
        "Hello",
        "",
        " with \"quotes\" and \\backslashes\\",
        "line\nbreak\r\nand\ttab\u0001\u001f",
        "naïve café – 日本語 😀",
        "</script><b>&amp;</b>'",
        "\u2028\u2029",
        new string('x', 5000),
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task WriteText_AfterTheFirstChunk_IsTheChunkTheJsonWriterWrites(string text)
    {
        const string id = "chatcmpl-\"odd\"/id";
        const string model = "gpt-4.1-mini \u00e9";
        var bytes = await RenderAsync(id, 1_795_317_652, model, "first", text, text);

        var chunks = Encoding.UTF8.GetString(bytes).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, chunks.Length);
        Assert.Equal(Expected(id, 1_795_317_652, model, "first", withRole: true), chunks[0]);
        Assert.Equal(Expected(id, 1_795_317_652, model, text, withRole: false), chunks[1]);
        Assert.Equal(chunks[1], chunks[2]);
    }

    [Fact]
    public async Task WriteText_EveryChunk_ParsesAndCarriesItsText()
    {
        var texts = new[] { "a", "\"b\"", "c\nd", "é😀" };
        var bytes = await RenderAsync("chatcmpl-1", 7, "m", texts);

        var chunks = Encoding.UTF8.GetString(bytes).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(texts.Length, chunks.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.StartsWith("data: ", chunks[i], StringComparison.Ordinal);
            using var chunk = JsonDocument.Parse(chunks[i]["data: ".Length..]);
            var choice = chunk.RootElement.GetProperty("choices")[0];
            Assert.Equal(texts[i], choice.GetProperty("delta").GetProperty("content").GetString());
            Assert.Equal(i == 0, choice.GetProperty("delta").TryGetProperty("role", out _));
            Assert.Equal(JsonValueKind.Null, choice.GetProperty("finish_reason").ValueKind);
            Assert.Equal("m", chunk.RootElement.GetProperty("model").GetString());
        }
    }

    private static async Task<byte[]> RenderAsync(string id, long created, string model, params string[] texts)
    {
        var pipe = new Pipe();
        using (var writer = new ChatChunkWriter(new StreamOutput(pipe.Writer), id, created, model))
        {
            foreach (var text in texts)
            {
                writer.WriteText(text);
            }

            await writer.FlushAsync(CancellationToken.None);
        }

        await pipe.Writer.CompleteAsync();
        var read = await pipe.Reader.ReadAsync();
        var bytes = read.Buffer.ToArray();
        pipe.Reader.AdvanceTo(read.Buffer.End);
        return bytes;
    }

    /// <summary>The chunk written long-hand, property by property, as every chunk was before the shortcut.</summary>
    private static string Expected(string id, long created, string model, string text, bool withRole)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Relaxed))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("object", "chat.completion.chunk");
            json.WriteNumber("created", created);
            json.WriteString("model", model);
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            json.WriteStartObject("delta");
            if (withRole)
            {
                json.WriteString("role", "assistant");
            }

            json.WriteString("content", text);
            json.WriteEndObject();
            json.WriteNull("logprobs");
            json.WriteNull("finish_reason");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return "data: " + Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
