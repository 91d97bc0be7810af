using System.ClientModel;
using System.Text;
using OpenAI;
using OpenAI.Chat;

namespace Junction.Simulator.Tests.OpenAI;

/// <summary>The official OpenAI SDK reads the simulator's answers: the wire format is the real one.</summary>
public sealed class OpenAISdkTests
{
    [Fact]
    public async Task CompleteChat_WithOfficialSdk_ReadsTextAndUsage()
    {
        await using var host = await TestSimulator.StartAsync(o => o.RequiredApiKey = "sk-sim");
        var client = new ChatClient("gpt-4o-mini", new ApiKeyCredential("sk-sim"), new OpenAIClientOptions { Endpoint = host.BaseUrl });

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Hello from the SDK")]);

        Assert.StartsWith("Simulated reply from gpt-4o-mini: ", completion.Content[0].Text, StringComparison.Ordinal);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(24, completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task CompleteChatStreaming_WithOfficialSdk_ReassemblesSameText()
    {
        await using var host = await TestSimulator.StartAsync();
        var client = new ChatClient("gpt-4o-mini", new ApiKeyCredential("any"), new OpenAIClientOptions { Endpoint = host.BaseUrl });
        ChatCompletion whole = await client.CompleteChatAsync([new UserChatMessage("Stream it")]);

        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Stream it")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.Equal(whole.Content[0].Text, text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal(whole.Usage.TotalTokenCount, usage?.TotalTokenCount);
    }

    [Fact]
    public async Task CompleteChat_ToolRequired_SdkSeesFunctionCall()
    {
        await using var host = await TestSimulator.StartAsync();
        var client = new ChatClient("gpt-4o-mini", new ApiKeyCredential("any"), new OpenAIClientOptions { Endpoint = host.BaseUrl });
        var options = new ChatCompletionOptions { ToolChoice = ChatToolChoice.CreateRequiredChoice() };
        options.Tools.Add(ChatTool.CreateFunctionTool("lookup", "Looks things up",
            BinaryData.FromString("""{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}""")));

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Find it")], options);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("lookup", call.FunctionName);
        Assert.Equal("""{"query":"sample"}""", call.FunctionArguments.ToString());
    }
}
