using System.Text.Json.Nodes;

namespace Junction.Simulator.Tests.Gemini;

public sealed class StreamGenerateContentTests
{
    [Fact]
    public async Task Stream_Text_OneChunkPerTokenFinishAndUsageOnlyOnTheLast()
    {
        await using var host = await TestSimulator.StartAsync(o => o.Default.OutputTokens = 6);
        using var client = new HttpClient();

        var read = await TestSimulator.StreamAsync(client, GeminiTestClient.Generate(host, GeminiTestClient.Body(), model: "gemini-stream", stream: true));

        Assert.False(read.Broken);
        var chunks = read.Chunks();
        Assert.Equal(6, chunks.Count);
        Assert.All(chunks, chunk =>
        {
            Assert.Equal("gemini-stream", (string)chunk["modelVersion"]!);
            Assert.Equal((string)chunks[0]["responseId"]!, (string)chunk["responseId"]!);
            Assert.Single(GeminiTestClient.Parts(chunk));
            Assert.Equal("model", (string)chunk["candidates"]![0]!["content"]!["role"]!);
        });
        Assert.All(chunks.Take(5), chunk =>
        {
            Assert.Null(GeminiTestClient.Finish(chunk));
            Assert.Null(chunk["usageMetadata"]!["candidatesTokenCount"]);
        });
        Assert.Equal("STOP", GeminiTestClient.Finish(chunks[^1]));
        Assert.Equal(6, (int)chunks[^1]["usageMetadata"]!["candidatesTokenCount"]!);
    }

    [Fact]
    public async Task Stream_Events_EndWithCrLfPairsAsGooglesDo()
    {
        await using var host = await TestSimulator.StartAsync(o => o.Default.OutputTokens = 2);
        using var client = new HttpClient();

        using var response = await client.SendAsync(GeminiTestClient.Generate(host, GeminiTestClient.Body(), stream: true));
        var raw = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("data: {", raw, StringComparison.Ordinal);
        Assert.EndsWith("}\r\n\r\n", raw, StringComparison.Ordinal);
        Assert.Equal(2, raw.Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("[DONE]", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(7)]
    public async Task Stream_SameRequestAsWhole_GivesSameTextUsageAndFinish(int? maxTokens)
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = new HttpClient();
        var body = GeminiTestClient.Body("Tell me about rivers", maxTokens);

        var (_, whole, _) = await GeminiTestClient.SendAsync(client, GeminiTestClient.Generate(host, body));
        var streamed = await TestSimulator.StreamAsync(client, GeminiTestClient.Generate(host, body, stream: true));

        Assert.Equal(GeminiTestClient.Text(whole), GeminiTestClient.StreamText(streamed));
        var last = streamed.Chunks()[^1];
        Assert.True(JsonNode.DeepEquals(whole["usageMetadata"], last["usageMetadata"]), $"{whole["usageMetadata"]} vs {last["usageMetadata"]}");
        Assert.Equal(GeminiTestClient.Finish(whole), GeminiTestClient.Finish(last));
    }

    [Fact]
    public async Task Stream_SameRequestAsOpenAIDialect_GivesTheSameTextAndUsage()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = TestSimulator.Client(host);

        var openAI = await TestSimulator.StreamAsync(client,
            TestSimulator.Chat(TestSimulator.Body(model: "m", user: "Tell me about rivers", stream: true, includeUsage: true)));
        var gemini = await TestSimulator.StreamAsync(client, GeminiTestClient.Generate(host, GeminiTestClient.Body("Tell me about rivers"), model: "m", stream: true));

        Assert.Equal(openAI.Text(), GeminiTestClient.StreamText(gemini));
        Assert.Equal(openAI.ContentDeltaCount(), gemini.Chunks().Count);
        var openAIUsage = openAI.Chunks()[^1]["usage"]!;
        var geminiUsage = gemini.Chunks()[^1]["usageMetadata"]!;
        Assert.Equal((int)openAIUsage["prompt_tokens"]!, (int)geminiUsage["promptTokenCount"]!);
        Assert.Equal((int)openAIUsage["completion_tokens"]!, (int)geminiUsage["candidatesTokenCount"]!);
    }

    [Fact]
    public async Task Stream_ZeroOutputTokens_SendsOneFinalChunkWithoutParts()
    {
        await using var host = await TestSimulator.StartAsync(o => o.Default.OutputTokens = 0);
        using var client = new HttpClient();

        var read = await TestSimulator.StreamAsync(client, GeminiTestClient.Generate(host, GeminiTestClient.Body(), stream: true));

        var chunk = Assert.Single(read.Chunks());
        Assert.Empty(GeminiTestClient.Parts(chunk));
        Assert.Equal("STOP", GeminiTestClient.Finish(chunk));
        Assert.Equal(0, (int)chunk["usageMetadata"]!["candidatesTokenCount"]!);
    }
}
