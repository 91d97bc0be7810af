using System.ClientModel;
using System.Text;
using Junction.Server.Tests.Infrastructure;
using OpenAI;
using OpenAI.Chat;
using static Junction.Server.Tests.Infrastructure.TenantGatewayFixture;

namespace Junction.Server.Tests.Ingress;

/// <summary>The official OpenAI .NET SDK, unmodified but for its endpoint and key, drives the gateway.</summary>
public sealed class OpenAISdkTests(TenantGatewayFixture fixture) : IClassFixture<TenantGatewayFixture>
{
    private static readonly string[] AcmeModels =
        ["gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-5.4", "gpt-5.4-mini", "gpt-5.4-nano", "magistral-medium-latest", "o3", "o4-mini"];

    private ChatClient Client(string model) =>
        new(model, new ApiKeyCredential(AcmeKey), new OpenAIClientOptions { Endpoint = new Uri(fixture.Gateway.BaseAddress, "/v1") });

    [Fact]
    public async Task CompleteChat_Auto_ReturnsTheRoutedModelsAnswer()
    {
        ChatCompletion completion = await Client("auto").CompleteChatAsync([new UserChatMessage("Say hello.")]);

        Assert.False(string.IsNullOrWhiteSpace(completion.Content[0].Text));
        Assert.Contains(completion.Model, AcmeModels);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.True(completion.Usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task CompleteChat_ForcedModel_ReportsThatModel()
    {
        ChatCompletion completion = await Client("o3").CompleteChatAsync([new SystemChatMessage("Be brief."), new UserChatMessage("Hi")]);

        Assert.Equal("o3", completion.Model);
    }

    [Fact]
    public async Task CompleteChatStreaming_Strategy_StreamsTextAndUsage()
    {
        var text = new StringBuilder();
        string? model = null;
        ChatTokenUsage? usage = null;
        var options = new ChatCompletionOptions();
        await foreach (var update in Client("lowest-cost").CompleteChatStreamingAsync([new UserChatMessage("Stream please.")], options))
        {
            model ??= update.Model;
            usage ??= update.Usage;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.Equal("gpt-5-nano", model);
        Assert.False(string.IsNullOrWhiteSpace(text.ToString()));
        Assert.NotNull(usage);
        Assert.True(usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task CompleteChat_PolicyDenied_SurfacesAs403ClientResultException()
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client("deepseek-chat").CompleteChatAsync([new UserChatMessage("Hi")]));

        Assert.Equal(403, error.Status);
        Assert.Contains("policy_denied", error.Message, StringComparison.Ordinal);
    }
}
