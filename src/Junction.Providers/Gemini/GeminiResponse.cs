using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Junction.Providers.Gemini;

/// <summary>A function call as Gemini sends it: always whole, with its arguments as compact JSON.</summary>
internal readonly record struct GeminiFunctionCall(string? Id, string Name, string ArgumentsJson);

/// <summary>
/// What one <c>GenerateContentResponse</c> holds, whole or as one stream chunk: the first candidate's visible text
/// and function calls, its finish reason, the usage, a prompt block. One instance is reused for every chunk of a
/// stream, so parsing allocates only the text and calls themselves.
/// </summary>
internal sealed class GeminiResponse
{
    private static readonly JsonWriterOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string? ResponseId { get; private set; }

    public string? ModelVersion { get; private set; }

    /// <summary>Text parts in order, without the model's thoughts (<c>thought: true</c>).</summary>
    public List<string> Texts { get; } = [];

    public List<GeminiFunctionCall> Calls { get; } = [];

    /// <summary>The finish reason in OpenAI's vocabulary (<see cref="GeminiFinishReasons"/>); null while the answer goes on.</summary>
    public string? FinishReason { get; private set; }

    public GeminiUsage? Usage { get; private set; }

    /// <summary><c>promptFeedback.blockReason</c>: Gemini refused the prompt itself and sent no candidate.</summary>
    public string? BlockReason { get; private set; }

    /// <summary>Whether the object was an <c>{"error": ...}</c> (a failure inside a 200 stream).</summary>
    public bool IsError { get; private set; }

    /// <summary>
    /// Parses one response object into this instance, replacing what the previous one said (the id and model version,
    /// once known, are kept). Throws <see cref="JsonException"/> when malformed.
    /// </summary>
    public void Read(ReadOnlySpan<byte> json)
    {
        Reset();
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A Gemini response must be a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("candidates"u8))
            {
                ReadCandidates(ref reader);
            }
            else if (reader.ValueTextEquals("usageMetadata"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    Usage = GeminiUsageReader.Read(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("responseId"u8) && ResponseId is null)
            {
                ResponseId = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("modelVersion"u8) && ModelVersion is null)
            {
                ModelVersion = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("promptFeedback"u8))
            {
                ReadPromptFeedback(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                IsError = reader.TokenType != JsonTokenType.Null;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>Clears what one chunk says. The id and model version stay: every chunk of a stream repeats them.</summary>
    private void Reset()
    {
        Texts.Clear();
        Calls.Clear();
        FinishReason = null;
        Usage = null;
        BlockReason = null;
        IsError = false;
    }

    /// <summary>Only the first candidate is read: Junction never asks for more than one.</summary>
    private void ReadCandidates(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!first || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            first = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("content"u8))
                {
                    ReadContent(ref reader);
                }
                else if (reader.ValueTextEquals("finishReason"u8))
                {
                    reader.Read();
                    FinishReason = GeminiFinishReasons.Read(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
    }

    private void ReadContent(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("parts"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadPart(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
    }

    private void ReadPart(ref Utf8JsonReader reader)
    {
        string? text = null;
        var thought = false;
        GeminiFunctionCall? call = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("text"u8))
            {
                text = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("thought"u8))
            {
                reader.Read();
                thought = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("functionCall"u8))
            {
                call = ReadFunctionCall(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Thought summaries are the model's reasoning, not its answer; the canonical form has no place for them yet.
        if (!thought && !string.IsNullOrEmpty(text))
        {
            Texts.Add(text);
        }

        if (call is { } found)
        {
            Calls.Add(found);
        }
    }

    private static GeminiFunctionCall? ReadFunctionCall(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? id = null, name = null, arguments = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                id = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                name = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("args"u8))
            {
                reader.Read();
                arguments = reader.TokenType == JsonTokenType.StartObject ? Compact(ref reader) : SkipNull(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return name is null ? null : new GeminiFunctionCall(string.IsNullOrEmpty(id) ? null : id, name, arguments ?? "{}");
    }

    /// <summary>Arguments as compact JSON text, the form OpenAI-shaped callers get (Gemini pretty-prints whole responses).</summary>
    private static string Compact(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, CompactJson))
        {
            document.RootElement.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string? SkipNull(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    private void ReadPromptFeedback(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("blockReason"u8))
            {
                BlockReason = ReadString(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }
}
