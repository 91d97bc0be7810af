using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;

namespace Junction.Simulator.Tests.Anthropic;

/// <summary>
/// The official Anthropic SDK, with its response validation on, reads the simulator's answers: the wire format is the
/// real one.
/// </summary>
public sealed class AnthropicSdkTests
{
    [Fact]
    public async Task Create_WithOfficialSdk_ReadsTextAndUsage()
    {
        await using var host = await TestSimulator.StartAsync(o => o.RequiredApiKey = "sk-ant-sim");
        using var client = Client(host, "sk-ant-sim");

        var message = await client.Messages.Create(Params("Hello from the SDK"));

        Assert.True(message.Content.Single().TryPickText(out var text));
        Assert.StartsWith("Simulated reply from claude-sdk: ", text.Text, StringComparison.Ordinal);
        Assert.Equal(StopReason.EndTurn, message.StopReason!.Value());
        Assert.Equal(24, message.Usage.OutputTokens);
        Assert.True(message.Usage.InputTokens > 0);
    }

    [Fact]
    public async Task CreateStreaming_WithOfficialSdk_AggregatesToTheSameMessage()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = Client(host, "any");
        var whole = await client.Messages.Create(Params("Stream it"));

        var text = new StringBuilder();
        var events = new List<RawMessageStreamEvent>();
        await foreach (var item in client.Messages.CreateStreaming(Params("Stream it")))
        {
            events.Add(item);
            if (item.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var piece))
            {
                text.Append(piece.Text);
            }
        }

        Assert.True(whole.Content.Single().TryPickText(out var wholeText));
        Assert.Equal(wholeText.Text, text.ToString());
        Assert.True(events[^1].TryPickStop(out _));
        Assert.True(events[^2].TryPickDelta(out var end));
        Assert.Equal(StopReason.EndTurn, end.Delta.StopReason!.Value());
        Assert.Equal(whole.Usage.OutputTokens, end.Usage.OutputTokens);
        Assert.True(events[0].TryPickStart(out var start));
        Assert.Equal(whole.Usage.InputTokens, start.Message.Usage.InputTokens);
    }

    [Fact]
    public async Task Create_ToolChoiceAny_SdkSeesToolUse()
    {
        await using var host = await TestSimulator.StartAsync();
        using var client = Client(host, "any");
        var parameters = Params("Find it") with
        {
            Tools =
            [
                new Tool
                {
                    Name = "lookup",
                    Description = "Looks things up",
                    InputSchema = new InputSchema
                    {
                        Properties = new Dictionary<string, JsonElement> { ["query"] = JsonDocument.Parse("""{"type":"string"}""").RootElement },
                        Required = ["query"],
                    },
                },
            ],
            ToolChoice = new ToolChoiceAny(),
        };

        var message = await client.Messages.Create(parameters);

        Assert.Equal(StopReason.ToolUse, message.StopReason!.Value());
        Assert.True(message.Content.Single().TryPickToolUse(out var call));
        Assert.Equal("lookup", call.Name);
        Assert.StartsWith("toolu_", call.ID, StringComparison.Ordinal);
        Assert.Equal("sample", call.Input["query"].GetString());
    }

    [Fact]
    public async Task Create_WrongKey_SdkThrowsAuthenticationError()
    {
        await using var host = await TestSimulator.StartAsync(o => o.RequiredApiKey = "sk-ant-sim");
        using var client = Client(host, "sk-ant-wrong");

        var thrown = await Record.ExceptionAsync(() => client.Messages.Create(Params("Hello")));

        Assert.NotNull(thrown);
        Assert.Contains("invalid x-api-key", thrown.Message, StringComparison.Ordinal);
    }

    private static AnthropicClient Client(SimulatorHost host, string key) => new()
    {
        ApiKey = key,
        BaseUrl = $"http://127.0.0.1:{host.Port}",
        ResponseValidation = true,
        MaxRetries = 0,
    };

    private static MessageCreateParams Params(string user) => new()
    {
        MaxTokens = 256,
        Messages = [new UserMessageParam(user)],
        Model = "claude-sdk",
    };
}
