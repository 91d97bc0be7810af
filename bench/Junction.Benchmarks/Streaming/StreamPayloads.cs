using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Junction.Benchmarks.Providers;

namespace Junction.Benchmarks.Streaming;

/// <summary>
/// A streamed answer of <see cref="ContentChunks"/> text deltas in each provider's event-stream format, with the
/// framing events each sends around them (OpenAI: role chunk, finish chunk, usage chunk, <c>[DONE]</c>; Anthropic:
/// <c>message_start</c>, block start, <c>ping</c>, block stop, <c>message_delta</c>, <c>message_stop</c>; Gemini: a whole
/// <c>GenerateContentResponse</c> per chunk with running usage, the finish reason on the last).
/// </summary>
internal static class StreamPayloads
{
    /// <summary>Text deltas per stream; every streaming figure is reported per one of them.</summary>
    public const int ContentChunks = 64;

    private const string Answer =
        "Lisbon is the warmer and drier choice for your weekend: 14 to 16 °C and mostly sunny on Saturday, with a small " +
        "chance of a shower on Sunday afternoon. Kraków will be close to freezing, overcast, with snow flurries likely on " +
        "Saturday night. The cheapest direct flight after 9am is TP 669 at 10:05, arriving 12:40, for 148 EUR with a window " +
        "seat. Shall I book it? Ça vous va? I will only book once you confirm the flight and the price.";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The answer cut into <see cref="ContentChunks"/> deltas of a word or two, as a model streams tokens.</summary>
    public static IReadOnlyList<string> Deltas()
    {
        var words = Answer.Split(' ');
        var deltas = new List<string>(ContentChunks);
        var perDelta = (double)words.Length / ContentChunks;
        var next = 0;
        for (var i = 0; i < ContentChunks; i++)
        {
            var end = (int)Math.Round((i + 1) * perDelta);
            var piece = new StringBuilder();
            for (; next < end; next++)
            {
                piece.Append(next == 0 ? "" : " ").Append(words[next]);
            }

            deltas.Add(piece.Length == 0 ? " " : piece.ToString());
        }

        return deltas;
    }

    public static byte[] Create(ProviderDialect dialect) => Encoding.UTF8.GetBytes(dialect switch
    {
        ProviderDialect.OpenAI => OpenAI(),
        ProviderDialect.Anthropic => Anthropic(),
        _ => Gemini(),
    });

    /// <summary>One content-delta event of <paramref name="dialect"/>: its <c>event:</c> type (empty if none) and its data.</summary>
    public static (string EventType, string Data) ContentEvent(ProviderDialect dialect, string text) => dialect switch
    {
        ProviderDialect.OpenAI => ("", OpenAIChunk("{\"content\":" + Quote(text) + "}", "null", "null")),
        ProviderDialect.Anthropic => ("content_block_delta",
            """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":""" + Quote(text) + "}}"),
        _ => ("", GeminiChunk(text, finish: false, outputTokens: 1)),
    };

    private static string OpenAI()
    {
        var sse = new StringBuilder();
        Data(sse, OpenAIChunk("""{"role":"assistant","content":"","refusal":null}""", "null", "null"));
        foreach (var delta in Deltas())
        {
            Data(sse, ContentEvent(ProviderDialect.OpenAI, delta).Data);
        }

        Data(sse, OpenAIChunk("{}", "\"stop\"", "null"));
        sse.Append("data: ").Append("""{"id":"chatcmpl-CX9vL2mQ7rT1sZpW4kYb8NdE3fHa","object":"chat.completion.chunk","created":1764580000,"model":"gpt-4.1-mini-2025-04-14","service_tier":"default","system_fingerprint":"fp_6f2eabb9a5","choices":[],"usage":{"prompt_tokens":1312,"completion_tokens":97,"total_tokens":1409,"prompt_tokens_details":{"cached_tokens":1024,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"obfuscation":"Xb3"}""").Append("\n\n");
        sse.Append("data: [DONE]\n\n");
        return sse.ToString();
    }

    private static string OpenAIChunk(string delta, string finishReason, string usage) =>
        $$"""{"id":"chatcmpl-CX9vL2mQ7rT1sZpW4kYb8NdE3fHa","object":"chat.completion.chunk","created":1764580000,"model":"gpt-4.1-mini-2025-04-14","service_tier":"default","system_fingerprint":"fp_6f2eabb9a5","choices":[{"index":0,"delta":{{delta}},"logprobs":null,"finish_reason":{{finishReason}}}],"usage":{{usage}},"obfuscation":"kQ2v"}""";

    private static string Anthropic()
    {
        var sse = new StringBuilder();
        Event(sse, "message_start", """{"type":"message_start","message":{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":96,"cache_creation_input_tokens":0,"cache_read_input_tokens":1216,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":1,"service_tier":"standard"}}}""");
        Event(sse, "content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""");
        Event(sse, "ping", """{"type": "ping"}""");
        foreach (var delta in Deltas())
        {
            var (type, data) = ContentEvent(ProviderDialect.Anthropic, delta);
            Event(sse, type, data);
        }

        Event(sse, "content_block_stop", """{"type":"content_block_stop","index":0}""");
        Event(sse, "message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":97}}""");
        Event(sse, "message_stop", """{"type":"message_stop"}""");
        return sse.ToString();
    }

    private static string Gemini()
    {
        var sse = new StringBuilder();
        var deltas = Deltas();
        for (var i = 0; i < deltas.Count; i++)
        {
            Data(sse, GeminiChunk(deltas[i], finish: i == deltas.Count - 1, outputTokens: i + 1));
        }

        return sse.ToString();
    }

    private static string GeminiChunk(string text, bool finish, int outputTokens) =>
        $$"""{"candidates": [{"content": {"parts": [{"text": {{Quote(text)}}}],"role": "model"}{{(finish ? ",\"finishReason\": \"STOP\"" : "")}},"index": 0}],"usageMetadata": {"promptTokenCount": 1304,"candidatesTokenCount": {{outputTokens}},"totalTokenCount": {{1304 + outputTokens}},"promptTokensDetails": [{"modality": "TEXT","tokenCount": 1304}]},"modelVersion": "gemini-2.5-flash","responseId": "WjyEaIGBOoSujMcPlZHV4QY"}""";

    private static string Quote(string text) => JsonSerializer.Serialize(text, Json);

    private static void Data(StringBuilder sse, string data) => sse.Append("data: ").Append(data).Append("\n\n");

    private static void Event(StringBuilder sse, string type, string data) =>
        sse.Append("event: ").Append(type).Append("\ndata: ").Append(data).Append("\n\n");
}
