using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Junction.Core.Requests;
using Junction.Providers.Anthropic;
using Junction.Providers.Tests.Infrastructure;
using static Junction.Providers.Tests.Infrastructure.RichRequests;

namespace Junction.Providers.Tests.Anthropic;

public sealed class AnthropicRequestWriterTests
{
    [Fact]
    public void Write_RichRequest_MatchesGoldenJson()
    {
        var json = Write(AnthropicRichRequest.Create());

        var expected = JsonNode.Parse(AnthropicPayloads.Text("request_rich_anthropic.golden.json"));
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(json)), "Mapped request differs from the golden file:\n" + json);
    }

    [Fact]
    public void Write_RichRequest_KeepsFieldOrderAndNonAsciiTextLiteral()
    {
        var json = Write(AnthropicRichRequest.Create());

        Assert.StartsWith("{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":512,\"system\":", json, StringComparison.Ordinal);
        Assert.Contains("Ça dépend", json, StringComparison.Ordinal);
        Assert.Contains("<briefly>", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Stream_SetsStreamTrue()
    {
        var streamed = Body(TestCalls.Hello(stream: true), stream: true);
        var whole = Body(TestCalls.Hello());

        Assert.True(streamed["stream"]!.GetValue<bool>());
        Assert.False(whole.ContainsKey("stream"));
    }

    [Theory]
    [InlineData(null, 16_384, 4096)]
    [InlineData(null, 1024, 1024)]
    [InlineData(200, 16_384, 200)]
    public void Write_MaxTokens_UsesTheRequestsElseTheDefaultCappedByTheModel(int? requested, int modelMaxOutput, int expected)
    {
        var request = TestCalls.Hello();
        request.MaxTokens = requested;
        var model = TestCalls.Model("claude-haiku-4-5", "anthropic") with { MaxOutput = modelMaxOutput };

        var body = Body(request, model: model);

        Assert.Equal(expected, body["max_tokens"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("\"auto\"", null, """{"type":"auto"}""")]
    [InlineData("\"required\"", null, """{"type":"any"}""")]
    [InlineData("\"none\"", null, """{"type":"none"}""")]
    [InlineData("""{"type":"function","function":{"name":"get_time"}}""", null, """{"type":"tool","name":"get_time"}""")]
    [InlineData("""{"type":"function","name":"get_time"}""", null, """{"type":"tool","name":"get_time"}""")]
    [InlineData("\"required\"", false, """{"type":"any","disable_parallel_tool_use":true}""")]
    [InlineData("\"none\"", false, """{"type":"none"}""")]
    [InlineData(null, false, """{"type":"auto","disable_parallel_tool_use":true}""")]
    [InlineData("\"auto\"", true, """{"type":"auto"}""")]
    public void Write_ToolChoice_MapsOpenAIChoicesToAnthropics(string? choice, bool? parallel, string expected)
    {
        var request = WithTool();
        request.ToolChoice = choice is null ? null : Json(choice);
        request.ParallelToolCalls = parallel;

        var body = Body(request);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), body["tool_choice"]), body["tool_choice"]?.ToJsonString());
    }

    [Fact]
    public void Write_NoChoiceAndParallelAllowed_LeavesToolChoiceOut()
    {
        var body = Body(WithTool());

        Assert.False(body.ContainsKey("tool_choice"));
        Assert.True(body.ContainsKey("tools"));
    }

    [Fact]
    public void Write_ToolChoiceWithoutTools_LeavesBothOut()
    {
        var request = TestCalls.Hello();
        request.ToolChoice = Json("\"required\"");
        request.ParallelToolCalls = false;

        var body = Body(request);

        Assert.False(body.ContainsKey("tools"));
        Assert.False(body.ContainsKey("tool_choice"));
    }

    [Theory]
    [InlineData(0.7, 0.7)]
    [InlineData(1.6, 1.0)]
    [InlineData(-0.5, 0.0)]
    public void Write_Temperature_ClampedToAnthropicsRange(double requested, double sent)
    {
        var request = TestCalls.Hello();
        request.Temperature = requested;

        Assert.Equal(sent, Body(request)["temperature"]!.GetValue<double>());
    }

    [Fact]
    public void Write_TopPAlone_IsSent()
    {
        var request = TestCalls.Hello();
        request.TopP = 0.5;

        var body = Body(request);

        Assert.Equal(0.5, body["top_p"]!.GetValue<double>());
        Assert.False(body.ContainsKey("temperature"));
    }

    [Fact]
    public void Write_JsonObjectFormat_IsNotSent()
    {
        var request = TestCalls.Hello();
        request.ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonObject);

        var body = Body(request);

        Assert.False(body.ContainsKey("output_config"));
        Assert.False(body.ContainsKey("response_format"));
    }

    [Fact]
    public void Write_SeedAndExtra_AreNotSent()
    {
        var body = Body(AnthropicRichRequest.Create());

        Assert.False(body.ContainsKey("seed"));
        Assert.False(body.ContainsKey("logprobs"));
        Assert.False(body.ContainsKey("junction"));
        Assert.False(body.ContainsKey("top_p"));
    }

    [Fact]
    public void Write_EmptyTurnsAndParts_AreLeftOutAndNeighboursMerge()
    {
        var request = new ChatRequest();
        request.Messages.Add(Text(ChatRole.User, "First"));
        request.Messages.Add(new ChatMessage { Role = ChatRole.Assistant });
        request.Messages.Add(Text(ChatRole.Assistant, string.Empty));
        request.Messages.Add(Text(ChatRole.User, "Second"));

        var messages = Body(request)["messages"]!.AsArray();

        var only = Assert.Single(messages);
        Assert.Equal("user", (string?)only!["role"]);
        Assert.Equal(["First", "Second"], only["content"]!.AsArray().Select(b => (string?)b!["text"]));
    }

    [Fact]
    public void Write_NoSystemTurns_LeavesSystemOut()
    {
        Assert.False(Body(TestCalls.Hello()).ContainsKey("system"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"a\":1} trailing")]
    public void Write_ToolCallArgumentsNotAnObject_SendsAnEmptyInput(string arguments)
    {
        var request = TestCalls.Hello();
        var call = new ChatMessage { Role = ChatRole.Assistant };
        call.ToolCalls.Add(new ToolCall("toolu_1", "get_time", arguments));
        request.Messages.Add(call);

        var input = Body(request)["messages"]![1]!["content"]![0]!["input"];

        Assert.True(JsonNode.DeepEquals(new JsonObject(), input), input?.ToJsonString());
    }

    [Fact]
    public void Write_ToolResultWithImage_SendsBlocks()
    {
        var request = TestCalls.Hello();
        var result = new ChatMessage { Role = ChatRole.Tool, ToolCallId = "toolu_1" };
        result.Content.Add(ContentPart.FromText("A chart:"));
        result.Content.Add(new ContentPart { Kind = ContentPartKind.Image, ImageUrl = "data:image/jpeg;base64,/9j/4AAQ" });
        request.Messages.Add(result);

        var block = Body(request)["messages"]![0]!["content"]![1]!;

        Assert.Equal("tool_result", (string?)block["type"]);
        var content = block["content"]!.AsArray();
        Assert.Equal("A chart:", (string?)content[0]!["text"]);
        Assert.Equal("image/jpeg", (string?)content[1]!["source"]!["media_type"]);
        Assert.Equal("/9j/4AAQ", (string?)content[1]!["source"]!["data"]);
    }

    [Theory]
    [InlineData("data:image/webp;base64,UklGR", true, "image/webp", "UklGR")]
    [InlineData("DATA:image/gif;BASE64,R0lG", true, "image/gif", "R0lG")]
    [InlineData("data:image/png,rawbytes", false, "", "")]
    [InlineData("data:;base64,AAAA", false, "", "")]
    [InlineData("https://example.com/a.png", false, "", "")]
    public void TrySplitDataUrl_Variants_SplitsOnlyBase64DataUrls(string url, bool ok, string mediaType, string data)
    {
        var split = AnthropicRequestWriter.TrySplitDataUrl(url, out var type, out var payload);

        Assert.Equal(ok, split);
        if (ok)
        {
            Assert.Equal(mediaType, type.ToString());
            Assert.Equal(data, payload.ToString());
        }
    }

    private static ChatRequest WithTool()
    {
        var request = TestCalls.Hello();
        request.Tools.Add(new ToolDefinition { Name = "get_time", Parameters = Json("""{"type":"object","properties":{}}""") });
        return request;
    }

    private static JsonObject Body(ChatRequest request, bool stream = false, Junction.Core.Catalog.ModelEntry? model = null) =>
        JsonNode.Parse(Write(request, stream, model))!.AsObject();

    private static string Write(ChatRequest request, bool stream = false, Junction.Core.Catalog.ModelEntry? model = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        AnthropicRequestWriter.Write(buffer, request, model ?? TestCalls.Model("claude-sonnet-4-5-20250929", "anthropic"), stream);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
