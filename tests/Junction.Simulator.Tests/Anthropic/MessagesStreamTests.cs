using System.Text.Json.Nodes;

namespace Junction.Simulator.Tests.Anthropic;

public sealed class MessagesStreamTests
{
    [Fact]
    public async Task Stream_Text_SendsAnthropicsEventSequence()
    {
        await using var host = await TestSimulator.StartAsync(o => o.Default.OutputTokens = 6);
        using var client = TestSimulator.Client(host);

        var read = await AnthropicRequests.StreamAsync(client, AnthropicRequests.Messages(AnthropicRequests.Body(model: "claude-stream", stream: true)));

        Assert.False(read.Broken);
        Assert.Equal(
            ["message_start", "content_block_start", "ping", .. Enumerable.Repeat("content_block_delta", 6), "content_block_stop", "message_delta", "message_stop"],
            read.Names());
        var start = read.Single("message_start")["message"]!;
        Assert.Matches("^msg_[0-9A-Za-z]{24}$", (string)start["id"]!);
        Assert.Equal("claude-stream", (string)start["model"]!);
        Assert.Empty(start["content"]!.AsArray());
        Assert.Null(start["stop_reason"]);
        Assert.True((int)start["usage"]!["input_tokens"]! > 0);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"text","text":""}"""), read.Single("content_block_start")["content_block"]));
        Assert.All(read.Events.Where(e => e.Name.StartsWith("content_block", StringComparison.Ordinal)), e => Assert.Equal(0, (int)e.Data["index"]!));
        var delta = read.Single("message_delta");
        Assert.Equal("end_turn", (string)delta["delta"]!["stop_reason"]!);
        Assert.Equal(6, (int)delta["usage"]!["output_tokens"]!);
    }

    [Fact]
    public async Task Stream_StopSequenceInTheReply_StopsBeforeItAndNamesIt()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);
        var body = AnthropicRequests.Body(model: "claude-stream", stream: true);
        body["stop_sequences"] = new JsonArray("ply f");

        var read = await AnthropicRequests.StreamAsync(client, AnthropicRequests.Messages(body));

        Assert.False(read.Broken);
        Assert.Equal("Simulated re", read.Text());
        var delta = read.Single("message_delta");
        Assert.Equal("stop_sequence", (string)delta["delta"]!["stop_reason"]!);
        Assert.Equal("ply f", (string)delta["delta"]!["stop_sequence"]!);
        Assert.Equal(2, (int)delta["usage"]!["output_tokens"]!);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(7)]
    public async Task Stream_SameRequestAsWhole_GivesSameTextAndUsage(int maxTokens)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var whole = await TestSimulator.SendJsonAsync(client, AnthropicRequests.Messages(AnthropicRequests.Body(user: "Tell me about rivers", maxTokens: maxTokens)));
        var streamed = await AnthropicRequests.StreamAsync(client,
            AnthropicRequests.Messages(AnthropicRequests.Body(user: "Tell me about rivers", stream: true, maxTokens: maxTokens)));

        Assert.Equal(MessagesTests.Text(whole), streamed.Text());
        var delta = streamed.Single("message_delta");
        Assert.Equal((int)whole["usage"]!["input_tokens"]!, (int)streamed.Single("message_start")["message"]!["usage"]!["input_tokens"]!);
        Assert.Equal((int)whole["usage"]!["input_tokens"]!, (int)delta["usage"]!["input_tokens"]!);
        Assert.Equal((int)whole["usage"]!["output_tokens"]!, (int)delta["usage"]!["output_tokens"]!);
        Assert.Equal((string)whole["stop_reason"]!, (string)delta["delta"]!["stop_reason"]!);
    }

    [Fact]
    public async Task Stream_SameConversationAsOpenAIStream_GivesSameTextAndUsage()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var anthropic = await AnthropicRequests.StreamAsync(client, AnthropicRequests.Messages(AnthropicRequests.Body(stream: true)));
        var openai = await TestSimulator.StreamAsync(client, TestSimulator.Chat(AnthropicRequests.OpenAIBody(stream: true)));

        Assert.Equal(openai.Text(), anthropic.Text());
        var usage = openai.Chunks()[^1]["usage"]!;
        Assert.Equal((int)usage["prompt_tokens"]!, (int)anthropic.Single("message_delta")["usage"]!["input_tokens"]!);
        Assert.Equal((int)usage["completion_tokens"]!, (int)anthropic.Single("message_delta")["usage"]!["output_tokens"]!);
    }

    [Fact]
    public async Task Stream_MaxTokens_StopsWithMaxTokens()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var read = await AnthropicRequests.StreamAsync(client, AnthropicRequests.Messages(AnthropicRequests.Body(stream: true, maxTokens: 3)));

        Assert.Equal(3, read.DeltaCount());
        Assert.Equal("max_tokens", (string)read.Single("message_delta")["delta"]!["stop_reason"]!);
    }
}
