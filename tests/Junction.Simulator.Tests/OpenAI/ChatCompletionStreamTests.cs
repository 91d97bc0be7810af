using System.Text.Json.Nodes;

namespace Junction.Simulator.Tests.OpenAI;

public sealed class ChatCompletionStreamTests
{
    [Fact]
    public async Task Stream_WithoutUsage_SendsRoleContentFinishDone()
    {
        await using var host = await TestSimulator.StartAsync(o => o.Default.OutputTokens = 8);
        using var client = TestSimulator.Client(host);

        var read = await TestSimulator.StreamAsync(client, TestSimulator.Chat(TestSimulator.Body(model: "gpt-stream", stream: true)));

        Assert.False(read.Broken);
        Assert.Equal("[DONE]", read.Events[^1]);
        var chunks = read.Chunks();
        Assert.Equal(1 + 8 + 1, chunks.Count);
        Assert.All(chunks, chunk =>
        {
            Assert.Equal("chat.completion.chunk", (string)chunk["object"]!);
            Assert.Equal("gpt-stream", (string)chunk["model"]!);
            Assert.Equal((string)chunks[0]["id"]!, (string)chunk["id"]!);
            Assert.False(chunk.ContainsKey("usage"));
        });

        var first = Delta(chunks[0]);
        Assert.Equal("assistant", (string)first["role"]!);
        Assert.Null(Choice(chunks[0])["finish_reason"]);
        for (var i = 1; i <= 8; i++)
        {
            Assert.False(Delta(chunks[i]).ContainsKey("role"));
            Assert.False(string.IsNullOrEmpty((string)Delta(chunks[i])["content"]!));
            Assert.Null(Choice(chunks[i])["finish_reason"]);
        }
        Assert.Empty(Delta(chunks[^1]));
        Assert.Equal("stop", (string)Choice(chunks[^1])["finish_reason"]!);
    }

    [Fact]
    public async Task Stream_WithIncludeUsage_EndsWithUsageChunkWithoutChoices()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var read = await TestSimulator.StreamAsync(client, TestSimulator.Chat(TestSimulator.Body(stream: true, includeUsage: true)));

        var chunks = read.Chunks();
        var last = chunks[^1];
        Assert.Empty(last["choices"]!.AsArray());
        Assert.Equal(24, (int)last["usage"]!["completion_tokens"]!);
        Assert.Equal("stop", (string)Choice(chunks[^2])["finish_reason"]!);
        Assert.All(chunks.Take(chunks.Count - 1), chunk => Assert.Null(chunk["usage"]));
        Assert.Equal("[DONE]", read.Events[^1]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(7)]
    public async Task Stream_SameRequestAsWhole_GivesSameTextAndUsage(int? maxTokens)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var whole = await TestSimulator.SendJsonAsync(client, TestSimulator.Chat(TestSimulator.Body(user: "Tell me about rivers", maxTokens: maxTokens)));
        var streamed = await TestSimulator.StreamAsync(client,
            TestSimulator.Chat(TestSimulator.Body(user: "Tell me about rivers", stream: true, includeUsage: true, maxTokens: maxTokens)));

        Assert.Equal(ChatCompletionTests.Content(whole), streamed.Text());
        var streamedUsage = streamed.Chunks()[^1]["usage"]!;
        Assert.True(JsonNode.DeepEquals(whole["usage"], streamedUsage), $"{whole["usage"]} vs {streamedUsage}");
        Assert.Equal((string)whole["choices"]![0]!["finish_reason"]!, (string)Choice(streamed.Chunks()[^2])["finish_reason"]!);
    }

    [Fact]
    public async Task Stream_MaxTokens_FinishesWithLength()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var read = await TestSimulator.StreamAsync(client, TestSimulator.Chat(TestSimulator.Body(stream: true, maxTokens: 3)));

        Assert.Equal(3, read.ContentDeltaCount());
        Assert.Equal("length", (string)Choice(read.Chunks()[^1])["finish_reason"]!);
    }

    internal static JsonObject Choice(JsonObject chunk) => chunk["choices"]![0]!.AsObject();

    internal static JsonObject Delta(JsonObject chunk) => Choice(chunk)["delta"]!.AsObject();
}
