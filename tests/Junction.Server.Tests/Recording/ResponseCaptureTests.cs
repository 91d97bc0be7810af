using System.Text.Json;
using Junction.Providers.Abstractions;
using Junction.Server.Recording;

namespace Junction.Server.Tests.Recording;

public sealed class ResponseCaptureTests
{
    [Fact]
    public void Append_StreamedTextAndToolCall_AssemblesThemInOrder()
    {
        var capture = new ResponseCapture();

        capture.Append(new StreamEvent(StreamEventKind.TextDelta, "Hello"));
        capture.Append(new StreamEvent(StreamEventKind.TextDelta, ", world"));
        capture.Append(new StreamEvent(StreamEventKind.ToolCallDelta, null, 0, "call_1", "lookup"));
        capture.Append(new StreamEvent(StreamEventKind.ToolCallDelta, """{"q":""", 0));
        capture.Append(new StreamEvent(StreamEventKind.ToolCallDelta, "\"x\"}", 0));
        capture.Append(new StreamEvent(StreamEventKind.Finish, FinishReason: "tool_calls"));
        using var json = JsonDocument.Parse(capture.ToJson());

        var root = json.RootElement;
        Assert.Equal("Hello, world", root.GetProperty("content").GetString());
        var call = Assert.Single(root.GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("call_1", call.GetProperty("id").GetString());
        Assert.Equal("lookup", call.GetProperty("name").GetString());
        Assert.Equal("""{"q":"x"}""", call.GetProperty("arguments").GetString());
        Assert.False(root.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public void Append_PastTheCap_KeepsTheCapAndMarksTruncated()
    {
        var capture = new ResponseCapture();
        var chunk = new string('a', 1000);

        for (var i = 0; i < 100; i++)
        {
            capture.Append(new StreamEvent(StreamEventKind.TextDelta, chunk));
        }

        using var json = JsonDocument.Parse(capture.ToJson());
        Assert.Equal(ResponseCapture.MaxChars, json.RootElement.GetProperty("content").GetString()!.Length);
        Assert.True(json.RootElement.GetProperty("truncated").GetBoolean());
        Assert.True(capture.Truncated);
    }

    [Fact]
    public void Append_CapInsideASurrogatePair_DropsTheWholePair()
    {
        var capture = new ResponseCapture();
        capture.Append(new StreamEvent(StreamEventKind.TextDelta, new string('a', ResponseCapture.MaxChars - 1)));

        capture.Append(new StreamEvent(StreamEventKind.TextDelta, "😀"));
        using var json = JsonDocument.Parse(capture.ToJson());

        Assert.Equal(ResponseCapture.MaxChars - 1, json.RootElement.GetProperty("content").GetString()!.Length);
        Assert.True(capture.Truncated);
    }

    [Fact]
    public void Of_WholeAnswer_KeepsContentAndToolCalls()
    {
        var completion = new ChatCompletion
        {
            Id = "c1",
            Model = "m",
            Content = "Done.",
            ToolCalls = [new Junction.Core.Requests.ToolCall("call_9", "search", """{"a":1}""")],
        };

        using var json = JsonDocument.Parse(ResponseCapture.Of(completion).ToJson());

        Assert.Equal("Done.", json.RootElement.GetProperty("content").GetString());
        Assert.Equal("search", json.RootElement.GetProperty("tool_calls")[0].GetProperty("name").GetString());
        Assert.Equal("""{"a":1}""", json.RootElement.GetProperty("tool_calls")[0].GetProperty("arguments").GetString());
    }
}
