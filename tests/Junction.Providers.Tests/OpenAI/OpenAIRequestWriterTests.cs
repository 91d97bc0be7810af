using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Junction.Core.Requests;
using Junction.Providers.OpenAI;
using Junction.Providers.Presets;
using Junction.Providers.Tests.Infrastructure;

namespace Junction.Providers.Tests.OpenAI;

public sealed class OpenAIRequestWriterTests
{
    [Fact]
    public void Write_RichRequestForOpenAI_MatchesGoldenJson()
    {
        var json = Write(RichRequest.Create(), ProviderPresets.OpenAI.Quirks, stream: false);

        var expected = JsonNode.Parse(Payloads.Text("request_rich_openai.golden.json"));
        var actual = JsonNode.Parse(json);
        Assert.True(JsonNode.DeepEquals(expected, actual), "Mapped request differs from the golden file:\n" + json);
    }

    [Fact]
    public void Write_RichRequest_KeepsFieldOrderAndNonAsciiTextLiteral()
    {
        var json = Write(RichRequest.Create(), ProviderPresets.OpenAI.Quirks, stream: false);

        Assert.StartsWith("{\"model\":\"gpt-4o-mini\",\"messages\":[", json, StringComparison.Ordinal);
        Assert.Contains("Ça dépend", json, StringComparison.Ordinal);
        Assert.Contains("<briefly>", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_StreamForOpenAI_AlwaysAsksForUsage()
    {
        var request = TestCalls.Hello(stream: true);
        request.IncludeUsage = false;

        var body = JsonNode.Parse(Write(request, ProviderPresets.OpenAI.Quirks, stream: true))!;

        Assert.True(body["stream"]!.GetValue<bool>());
        Assert.True(body["stream_options"]!["include_usage"]!.GetValue<bool>());
    }

    [Fact]
    public void Write_NotStreaming_LeavesStreamFieldsOut()
    {
        var body = JsonNode.Parse(Write(TestCalls.Hello(), ProviderPresets.OpenAI.Quirks, stream: false))!.AsObject();

        Assert.False(body.ContainsKey("stream"));
        Assert.False(body.ContainsKey("stream_options"));
    }

    [Fact]
    public void Write_MistralQuirks_UsesItsFieldNamesAndDropsWhatItRejects()
    {
        var body = JsonNode.Parse(Write(RichRequest.Create(), ProviderPresets.Mistral.Quirks, stream: true))!.AsObject();

        Assert.Equal(512, body["max_tokens"]!.GetValue<int>());
        Assert.False(body.ContainsKey("max_completion_tokens"));
        Assert.Equal(7, body["random_seed"]!.GetValue<int>());
        Assert.False(body.ContainsKey("seed"));
        Assert.False(body.ContainsKey("user"));
        Assert.False(body.ContainsKey("stream_options"));
        Assert.True(body["stream"]!.GetValue<bool>());
        Assert.Equal("system", body["messages"]![1]!["role"]!.GetValue<string>());
    }

    [Fact]
    public void Write_GroqQuirks_MapsDeveloperToSystemAndUsesMaxCompletionTokens()
    {
        var body = JsonNode.Parse(Write(RichRequest.Create(), ProviderPresets.Groq.Quirks, stream: true))!.AsObject();

        Assert.Equal("system", body["messages"]![1]!["role"]!.GetValue<string>());
        Assert.Equal(512, body["max_completion_tokens"]!.GetValue<int>());
        Assert.True(body["stream_options"]!["include_usage"]!.GetValue<bool>());
        Assert.Equal("user-123", body["user"]!.GetValue<string>());
    }

    [Fact]
    public void Write_DefaultQuirks_UsesMaxTokensAndSeed()
    {
        var body = JsonNode.Parse(Write(RichRequest.Create(), ProviderQuirks.Default, stream: false))!.AsObject();

        Assert.Equal(512, body["max_tokens"]!.GetValue<int>());
        Assert.Equal(7, body["seed"]!.GetValue<int>());
        Assert.Equal("system", body["messages"]![1]!["role"]!.GetValue<string>());
    }

    [Fact]
    public void Write_JsonObjectFormatAndEmptyMessage_WritesTypeAndEmptyContent()
    {
        var request = new ChatRequest { ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonObject) };
        request.Messages.Add(new ChatMessage { Role = ChatRole.User });

        var body = JsonNode.Parse(Write(request, ProviderQuirks.Default, stream: false))!;

        Assert.Equal("json_object", body["response_format"]!["type"]!.GetValue<string>());
        Assert.Equal(string.Empty, body["messages"]![0]!["content"]!.GetValue<string>());
    }

    private static string Write(ChatRequest request, ProviderQuirks quirks, bool stream)
    {
        var output = new ArrayBufferWriter<byte>();
        OpenAIRequestWriter.Write(output, request, "gpt-4o-mini", quirks, stream);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
