using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using Junction.Server.Tests.Infrastructure;
using static Junction.Server.Tests.Infrastructure.HttpAssertions;

namespace Junction.Server.Tests.Ingress;

public sealed class AnthropicMessagesTests(LocalGatewayFixture fixture) : IClassFixture<LocalGatewayFixture>
{
    private AnthropicClient Sdk(string key = LocalGatewayFixture.LocalKey) => new()
    {
        ApiKey = key,
        BaseUrl = fixture.Gateway.BaseAddress.ToString().TrimEnd('/'),
        ResponseValidation = true,
        MaxRetries = 0,
    };

    private static MessageCreateParams Params(string model) => new()
    {
        MaxTokens = 256,
        Messages = [new UserMessageParam("Hello from the SDK")],
        Model = model,
        System = "Be brief.",
    };

    [Theory]
    [InlineData("claude-haiku-4-5")]
    [InlineData("gpt-4.1-mini")]
    [InlineData("gemini-2.5-flash")]
    public async Task Create_OfficialSdk_AnyModelAnswersAsAnAnthropicMessage(string model)
    {
        using var client = Sdk();

        var message = await client.Messages.Create(Params(model));

        Assert.StartsWith("msg_", message.ID, StringComparison.Ordinal);
        Assert.True(message.Content.Single().TryPickText(out var text));
        Assert.False(string.IsNullOrWhiteSpace(text.Text));
        Assert.Equal(StopReason.EndTurn, message.StopReason!.Value());
        Assert.True(message.Usage.OutputTokens > 0);
        Assert.Equal(model, message.Model.Raw());
    }

    [Fact]
    public async Task Create_StopSequenceFromAnAnthropicModel_IsStopSequenceNamingIt()
    {
        using var client = Sdk();

        var message = await client.Messages.Create(Params("claude-haiku-4-5") with { StopSequences = ["nowhere", " from"] });

        Assert.True(message.Content.Single().TryPickText(out var text));
        Assert.Equal("Simulated reply", text.Text);
        Assert.Equal(StopReason.StopSequence, message.StopReason!.Value());
        Assert.Equal(" from", message.StopSequence);
    }

    [Fact]
    public async Task CreateStreaming_StopSequenceFromAnAnthropicModel_MessageDeltaNamesIt()
    {
        using var client = Sdk();

        var text = new StringBuilder();
        RawMessageDeltaEvent? end = null;
        await foreach (var item in client.Messages.CreateStreaming(Params("claude-haiku-4-5") with { StopSequences = [" from"] }))
        {
            if (item.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var piece))
            {
                text.Append(piece.Text);
            }
            else if (item.TryPickDelta(out var messageDelta))
            {
                end = messageDelta;
            }
        }

        Assert.Equal("Simulated reply", text.ToString());
        Assert.Equal(StopReason.StopSequence, end!.Delta.StopReason!.Value());
        Assert.Equal(" from", end.Delta.StopSequence);
    }

    [Fact]
    public async Task Create_StopSequenceFromAnOpenAIModel_StopsThereButCannotNameIt()
    {
        using var client = Sdk();

        var message = await client.Messages.Create(Params("gpt-4.1-mini") with { StopSequences = [" from"] });

        Assert.True(message.Content.Single().TryPickText(out var text));
        Assert.Equal("Simulated reply", text.Text);
        Assert.Equal(StopReason.EndTurn, message.StopReason!.Value());
        Assert.Null(message.StopSequence);
    }

    [Fact]
    public async Task CreateStreaming_OfficialSdk_TextEqualsTheWholeAnswer()
    {
        using var client = Sdk();
        var whole = await client.Messages.Create(Params("gpt-4.1-mini"));

        var text = new StringBuilder();
        var events = new List<RawMessageStreamEvent>();
        await foreach (var item in client.Messages.CreateStreaming(Params("gpt-4.1-mini")))
        {
            events.Add(item);
            if (item.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var piece))
            {
                text.Append(piece.Text);
            }
        }

        Assert.True(whole.Content.Single().TryPickText(out var wholeText));
        Assert.Equal(wholeText.Text, text.ToString());
        Assert.True(events[0].TryPickStart(out _));
        Assert.True(events[^1].TryPickStop(out _));
        Assert.True(events[^2].TryPickDelta(out var end));
        Assert.Equal(StopReason.EndTurn, end.Delta.StopReason!.Value());
        Assert.Equal(whole.Usage.OutputTokens, end.Usage.OutputTokens);
    }

    [Fact]
    public async Task Create_ToolChoiceAny_ReturnsToolUseBlock()
    {
        using var client = Sdk();
        var parameters = Params("claude-haiku-4-5") with
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
        Assert.Equal(JsonValueKind.String, call.Input["query"].ValueKind);
    }

    [Fact]
    public async Task Create_WrongKey_SdkSeesAuthenticationError()
    {
        using var client = Sdk("jk_wrong");

        var thrown = await Record.ExceptionAsync(() => client.Messages.Create(Params("claude-haiku-4-5")));

        Assert.NotNull(thrown);
        Assert.Contains("Invalid API key", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_MissingMaxTokens_Is400InAnthropicShape()
    {
        using var client = fixture.Gateway.CreateClient(null);
        client.DefaultRequestHeaders.Add("x-api-key", LocalGatewayFixture.LocalKey);

        using var response = await client.PostJsonAsync("/v1/messages", """{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"hi"}]}""");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("max_tokens", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UnknownModel_Is404NotFoundError()
    {
        using var client = fixture.Gateway.CreateClient(LocalGatewayFixture.LocalKey);

        using var response = await client.PostJsonAsync("/v1/messages", """{"model":"claude-nope","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found_error", body.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Post_RoutingKnobs_HeaderAndJunctionObjectRoute()
    {
        using var client = fixture.Gateway.CreateClient(LocalGatewayFixture.LocalKey);

        using var response = await client.PostJsonAsync(
            "/v1/messages",
            """{"model":"auto","max_tokens":10,"messages":[{"role":"user","content":"hi"}],"junction":{"force_model":"deepseek-chat"}}""");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("deepseek-chat", response.Header("x-junction-model"));
        Assert.Equal("deepseek", body.GetProperty("junction").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task CreateStreaming_ToolChoiceAny_StreamsToolUseWithInputJsonDeltas()
    {
        using var client = Sdk();
        var parameters = Params("gpt-4.1-mini") with
        {
            Tools = [new Tool { Name = "lookup", InputSchema = new InputSchema { Properties = new Dictionary<string, JsonElement> { ["query"] = JsonDocument.Parse("""{"type":"string"}""").RootElement }, Required = ["query"] } }],
            ToolChoice = new ToolChoiceAny(),
        };

        var json = new StringBuilder();
        string? name = null;
        StopReason? stop = null;
        await foreach (var item in client.Messages.CreateStreaming(parameters))
        {
            if (item.TryPickContentBlockStart(out var start) && start.ContentBlock.TryPickToolUse(out var tool))
            {
                name = tool.Name;
            }
            else if (item.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickInputJson(out var piece))
            {
                json.Append(piece.PartialJson);
            }
            else if (item.TryPickDelta(out var end))
            {
                stop = end.Delta.StopReason!.Value();
            }
        }

        Assert.Equal("lookup", name);
        Assert.Equal(StopReason.ToolUse, stop);
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(json.ToString()).RootElement.GetProperty("query").ValueKind);
    }
}
