using System.Buffers;
using System.Text;
using System.Text.Json;
using Junction.Providers.Abstractions;
using Junction.Server.Auth;
using Junction.Server.Json;
using Junction.Server.Routing;
using Junction.Storage.Tenants;

namespace Junction.Server.Recording;

/// <summary>
/// What the caller was answered, kept for a <c>full</c> request log: the text and the tool calls, from a whole answer
/// or accumulated from a stream's deltas as they pass. Bounded: past <see cref="MaxChars"/> characters the rest is
/// dropped and the record says <c>"truncated": true</c>. Exists only for requests whose bodies are kept
/// (<see cref="Start"/>), so other requests pay nothing. Not thread-safe: one request's stream loop owns it.
/// </summary>
internal sealed class ResponseCapture
{
    /// <summary>The most characters of text and tool-call arguments kept per request (64 Ki).</summary>
    public const int MaxChars = 64 * 1024;

    private readonly StringBuilder _text = new();
    private List<CapturedToolCall>? _tools;
    private int _chars;

    /// <summary>True once something was dropped for the cap.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Whether a request's bodies may be kept: the tenant logs in <c>full</c> and the effective policy has no <c>no_log</c>.</summary>
    public static bool KeepsBodies(Caller caller, RoutePlan? plan) =>
        caller.LoggingMode == LoggingMode.Full && plan is not null && !plan.Policy.NoLog;

    /// <summary>A capture for a request whose bodies are kept; null otherwise.</summary>
    public static ResponseCapture? Start(Caller caller, RoutePlan plan) => KeepsBodies(caller, plan) ? new ResponseCapture() : null;

    /// <summary>The capture of a whole answer.</summary>
    public static ResponseCapture Of(ChatCompletion completion)
    {
        var capture = new ResponseCapture();
        capture.AppendText(completion.Content);
        for (var i = 0; i < completion.ToolCalls.Count; i++)
        {
            var call = completion.ToolCalls[i];
            var tool = capture.Tool(i);
            tool.Id = call.Id;
            tool.Name = call.Name;
            capture.Append(tool.Arguments, call.ArgumentsJson);
        }

        return capture;
    }

    /// <summary>Adds a stream's text or tool-call delta; other events are ignored.</summary>
    public void Append(in StreamEvent e)
    {
        if (e.Kind == StreamEventKind.TextDelta)
        {
            AppendText(e.Text);
        }
        else if (e.Kind == StreamEventKind.ToolCallDelta)
        {
            var tool = Tool(e.ToolCallIndex);
            tool.Id ??= e.ToolCallId;
            tool.Name ??= e.ToolName;
            Append(tool.Arguments, e.Text);
        }
    }

    /// <summary><c>{"content": "...", "tool_calls": [{"id", "name", "arguments"}], "truncated": false}</c> as UTF-8 JSON.</summary>
    public ReadOnlyMemory<byte> ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(_chars + 128);
        using (var writer = new Utf8JsonWriter(buffer, JsonWriting.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("content"u8, _text.ToString());
            writer.WriteStartArray("tool_calls"u8);
            if (_tools is not null)
            {
                foreach (var tool in _tools)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id"u8, tool.Id);
                    writer.WriteString("name"u8, tool.Name);
                    writer.WriteString("arguments"u8, tool.Arguments.ToString());
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndArray();
            writer.WriteBoolean("truncated"u8, Truncated);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void AppendText(string? text) => Append(_text, text);

    private void Append(StringBuilder target, string? text)
    {
        if (string.IsNullOrEmpty(text) || Truncated)
        {
            return;
        }

        var room = MaxChars - _chars;
        if (text.Length <= room)
        {
            target.Append(text);
            _chars += text.Length;
            return;
        }

        // Never split a surrogate pair: a lone half is not valid UTF-16 and would not serialize.
        if (room > 0 && char.IsHighSurrogate(text[room - 1]))
        {
            room--;
        }

        target.Append(text, 0, room);
        _chars = MaxChars;
        Truncated = true;
    }

    private CapturedToolCall Tool(int index)
    {
        _tools ??= [];
        for (var i = 0; i < _tools.Count; i++)
        {
            if (_tools[i].Index == index)
            {
                return _tools[i];
            }
        }

        var tool = new CapturedToolCall(index);
        _tools.Add(tool);
        return tool;
    }

    private sealed class CapturedToolCall(int index)
    {
        public int Index { get; } = index;

        public string? Id { get; set; }

        public string? Name { get; set; }

        public StringBuilder Arguments { get; } = new();
    }
}
