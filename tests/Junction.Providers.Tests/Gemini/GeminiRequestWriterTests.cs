using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Junction.Core.Requests;
using Junction.Providers.Gemini;
using Junction.Providers.Tests.Infrastructure;
using Junction.Providers.Tests.OpenAI;

namespace Junction.Providers.Tests.Gemini;

public sealed class GeminiRequestWriterTests
{
    [Fact]
    public void Write_RichRequest_MatchesGoldenJson()
    {
        var json = Write(RichRequest.Create());

        var expected = JsonNode.Parse(GeminiTestData.Text("request_rich_gemini.golden.json"));
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(json)), "Mapped request differs from the golden file:\n" + json);
    }

    [Fact]
    public void Write_RichRequest_DropsUserExtraAndOpenAIOnlyFields()
    {
        var json = Write(RichRequest.Create());

        Assert.StartsWith("{\"contents\":[", json, StringComparison.Ordinal);
        Assert.Contains("Ça dépend", json, StringComparison.Ordinal);
        foreach (var absent in new[] { "user-123", "logprobs", "T-42", "lowest-cost", "something-else", "strict", "parallel", "\"model\":", "high", "\"ana\"" })
        {
            Assert.DoesNotContain(absent, json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Write_ConsecutiveToolResultsAndUserText_MergeIntoOneUserTurn()
    {
        var request = new ChatRequest();
        request.Messages.Add(Message(ChatRole.User, "Weather and time in Paris?"));
        var calls = new ChatMessage { Role = ChatRole.Assistant };
        calls.Content.Add(ContentPart.FromText("Checking both."));
        calls.ToolCalls.Add(new ToolCall("call_0", "get_weather", """{"city":"Paris"}"""));
        calls.ToolCalls.Add(new ToolCall("call_1", "get_time", """{"city":"Paris"}"""));
        request.Messages.Add(calls);
        request.Messages.Add(ToolResult("call_1", "14:05"));
        request.Messages.Add(ToolResult("call_0", "[18, \"cloudy\"]"));
        request.Messages.Add(Message(ChatRole.User, "Thanks!"));

        var contents = Body(request)["contents"]!.AsArray();

        Assert.Equal(3, contents.Count);
        Assert.Equal("model", (string)contents[1]!["role"]!);
        var modelParts = contents[1]!["parts"]!.AsArray();
        Assert.Equal("Checking both.", (string)modelParts[0]!["text"]!);
        Assert.Equal(GeminiRequestWriter.SkipThoughtSignature, (string)modelParts[1]!["thoughtSignature"]!);
        Assert.Null(modelParts[2]!["thoughtSignature"]);
        Assert.Equal("get_time", (string)modelParts[2]!["functionCall"]!["name"]!);

        var results = contents[2]!["parts"]!.AsArray();
        Assert.Equal("user", (string)contents[2]!["role"]!);
        Assert.Equal(3, results.Count);
        Assert.Equal("""{"id":"call_1","name":"get_time","response":{"result":"14:05"}}""", results[0]!["functionResponse"]!.ToJsonString());
        Assert.Equal("""{"id":"call_0","name":"get_weather","response":{"result":[18,"cloudy"]}}""", results[1]!["functionResponse"]!.ToJsonString());
        Assert.Equal("Thanks!", (string)results[2]!["text"]!);
    }

    [Fact]
    public void Write_ToolResultForUnknownCall_FallsBackToTheMessageName()
    {
        var request = new ChatRequest();
        request.Messages.Add(new ChatMessage { Role = ChatRole.Tool, ToolCallId = "call_gone", Name = "lookup" });

        var response = Body(request)["contents"]![0]!["parts"]![0]!["functionResponse"]!;

        Assert.Equal("lookup", (string)response["name"]!);
        Assert.Equal("""{"result":""}""", response["response"]!.ToJsonString());
    }

    [Fact]
    public void Write_EmptyTurnsAndEmptyText_AreLeftOut()
    {
        var request = new ChatRequest();
        request.Messages.Add(Message(ChatRole.User, ""));
        request.Messages.Add(new ChatMessage { Role = ChatRole.Assistant });
        request.Messages.Add(Message(ChatRole.User, "Hi"));

        var body = Body(request);

        Assert.Equal("""[{"role":"user","parts":[{"text":"Hi"}]}]""", body["contents"]!.ToJsonString());
        Assert.False(body.ContainsKey("systemInstruction"));
        Assert.False(body.ContainsKey("generationConfig"));
    }

    [Fact]
    public void Write_InvalidOrNonObjectArguments_SendAnEmptyObject()
    {
        var request = new ChatRequest();
        var call = new ChatMessage { Role = ChatRole.Assistant };
        call.ToolCalls.Add(new ToolCall("call_0", "a", "not json"));
        call.ToolCalls.Add(new ToolCall("call_1", "b", "[1]"));
        request.Messages.Add(call);

        var parts = Body(request)["contents"]![0]!["parts"]!.AsArray();

        Assert.Equal("{}", parts[0]!["functionCall"]!["args"]!.ToJsonString());
        Assert.Equal("{}", parts[1]!["functionCall"]!["args"]!.ToJsonString());
    }

    [Theory]
    [InlineData("\"auto\"", """{"functionCallingConfig":{"mode":"AUTO"}}""")]
    [InlineData("\"required\"", """{"functionCallingConfig":{"mode":"ANY"}}""")]
    [InlineData("\"none\"", """{"functionCallingConfig":{"mode":"NONE"}}""")]
    [InlineData("""{"type":"function","function":{"name":"get_weather"}}""", """{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["get_weather"]}}""")]
    public void Write_ToolChoice_MapsToFunctionCallingConfig(string toolChoice, string expected)
    {
        var request = ToolRequest();
        request.ToolChoice = JsonDocument.Parse(toolChoice).RootElement.Clone();

        Assert.Equal(expected, Body(request)["toolConfig"]!.ToJsonString());
    }

    [Fact]
    public void Write_ToolChoiceWithoutTools_IsLeftOut()
    {
        var request = TestCalls.Hello();
        request.ToolChoice = JsonDocument.Parse("\"required\"").RootElement.Clone();

        var body = Body(request);

        Assert.False(body.ContainsKey("toolConfig"));
        Assert.False(body.ContainsKey("tools"));
    }

    [Fact]
    public void Write_JsonObjectMode_SetsOnlyTheMimeType()
    {
        var request = TestCalls.Hello();
        request.MaxTokens = null;
        request.ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonObject);

        Assert.Equal("""{"responseMimeType":"application/json"}""", Body(request)["generationConfig"]!.ToJsonString());
    }

    [Fact]
    public void Write_TextResponseFormat_AddsNothing()
    {
        var request = TestCalls.Hello();
        request.MaxTokens = null;
        request.ResponseFormat = new ResponseFormat(ResponseFormatKind.Text);

        Assert.False(Body(request).ContainsKey("generationConfig"));
    }

    [Theory]
    [InlineData("data:image/webp;base64,UklGRg==", """{"inlineData":{"mimeType":"image/webp","data":"UklGRg=="}}""")]
    [InlineData("data:;base64,AAEC", """{"inlineData":{"mimeType":"application/octet-stream","data":"AAEC"}}""")]
    [InlineData("data:image/svg+xml,%3Csvg%2F%3E", """{"inlineData":{"mimeType":"image/svg+xml","data":"PHN2Zy8+"}}""")]
    [InlineData("https://cdn.example.com/a/photo.PNG?sig=abc", """{"fileData":{"mimeType":"image/png","fileUri":"https://cdn.example.com/a/photo.PNG?sig=abc"}}""")]
    [InlineData("https://cdn.example.com/v1.2/photo", """{"fileData":{"fileUri":"https://cdn.example.com/v1.2/photo"}}""")]
    public void Write_Image_MapsDataUrlsInlineAndHttpUrlsAsFileData(string url, string expected)
    {
        var request = new ChatRequest();
        var message = new ChatMessage { Role = ChatRole.User };
        message.Content.Add(new ContentPart { Kind = ContentPartKind.Image, ImageUrl = url });
        request.Messages.Add(message);

        var part = Body(request)["contents"]![0]!["parts"]![0]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), part), part.ToJsonString());
    }

    [Fact]
    public void Write_ToolWithoutParameters_DeclaresNameOnly()
    {
        var request = TestCalls.Hello();
        request.Tools.Add(new ToolDefinition { Name = "ping" });

        Assert.Equal("""[{"functionDeclarations":[{"name":"ping"}]}]""", Body(request)["tools"]!.ToJsonString());
    }

    private static ChatRequest ToolRequest()
    {
        var request = TestCalls.Hello();
        request.Tools.Add(new ToolDefinition { Name = "get_weather", Parameters = JsonDocument.Parse("""{"type":"object"}""").RootElement.Clone() });
        return request;
    }

    private static ChatMessage Message(ChatRole role, string text)
    {
        var message = new ChatMessage { Role = role };
        message.Content.Add(ContentPart.FromText(text));
        return message;
    }

    private static ChatMessage ToolResult(string id, string text)
    {
        var message = new ChatMessage { Role = ChatRole.Tool, ToolCallId = id };
        message.Content.Add(ContentPart.FromText(text));
        return message;
    }

    private static JsonObject Body(ChatRequest request) => JsonNode.Parse(Write(request))!.AsObject();

    private static string Write(ChatRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        GeminiRequestWriter.Write(buffer, request);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
