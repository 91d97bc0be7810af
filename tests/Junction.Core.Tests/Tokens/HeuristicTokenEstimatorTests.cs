using System.Text;
using System.Text.Json;
using Junction.Core.Requests;
using Junction.Core.Tokens;

namespace Junction.Core.Tests.Tokens;

public sealed class HeuristicTokenEstimatorTests
{
    // The documented bounds (docs/token-estimation.md): measured 6.1% mean, 23% worst on these samples.
    private const double MaxMeanAbsolutePercentageError = 0.10;
    private const double MaxSampleError = 0.30;
    private const double MaxChatError = 0.10;

    private readonly HeuristicTokenEstimator _estimator = HeuristicTokenEstimator.Instance;

    [Fact]
    public void EstimateTextTokens_AllSamples_MeanErrorWithinDocumentedBound()
    {
        var samples = TokenSamples.Texts.Concat(TokenSamples.SecondBatch).ToArray();
        Assert.True(samples.Length >= 40, $"only {samples.Length} samples");

        var mape = samples.Average(s => RelativeError(_estimator.EstimateTextTokens(s.Text), s.Tokens));

        Assert.True(mape <= MaxMeanAbsolutePercentageError, $"mean absolute percentage error {mape:P1}");
    }

    [Fact]
    public void EstimateTextTokens_EverySample_WithinWorstCaseBound()
    {
        var failures = TokenSamples.Texts.Concat(TokenSamples.SecondBatch)
            .Select(s => (s.Name, Estimate: _estimator.EstimateTextTokens(s.Text), s.Tokens))
            .Where(s => RelativeError(s.Estimate, s.Tokens) > MaxSampleError)
            .Select(s => $"{s.Name}: estimated {s.Estimate}, reference {s.Tokens}")
            .ToList();

        Assert.Empty(failures);
    }

    [Fact]
    public void EstimatePromptTokens_ChatSamples_WithinBoundOfChatMLCount()
    {
        foreach (var (name, messages, tokens) in TokenSamples.Chats)
        {
            var request = new ChatRequest();
            foreach (var (role, content) in messages)
            {
                var message = new ChatMessage { Role = Enum.Parse<ChatRole>(role) };
                message.Content.Add(ContentPart.FromText(content));
                request.Messages.Add(message);
            }

            var estimate = _estimator.EstimatePromptTokens(request);

            Assert.True(RelativeError(estimate, tokens) <= MaxChatError, $"{name}: estimated {estimate}, reference {tokens}");
        }
    }

    [Fact]
    public void EstimateTextTokens_Empty_IsZero()
    {
        Assert.Equal(0, _estimator.EstimateTextTokens(ReadOnlySpan<char>.Empty));
    }

    [Fact]
    public void EstimatePromptTokens_EmptyRequest_IsTheReplyPrimerOnly()
    {
        Assert.Equal(3, _estimator.EstimatePromptTokens(new ChatRequest()));
    }

    [Fact]
    public void EstimatePromptTokens_ToolDefinition_AddsItsSchema()
    {
        var request = UserRequest("What is the weather in Lisbon?");
        var without = _estimator.EstimatePromptTokens(request);
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string","description":"City name"}},"required":["city"]}""");
        request.Tools.Add(new ToolDefinition { Name = "get_weather", Description = "Current weather for a city.", Parameters = schema.RootElement.Clone() });

        var with = _estimator.EstimatePromptTokens(request);

        Assert.InRange(with - without, 30, 60);
    }

    [Fact]
    public void EstimatePromptTokens_Image_CountsByDetail()
    {
        var low = UserRequest("Describe this.");
        low.Messages[0].Content.Add(new ContentPart { Kind = ContentPartKind.Image, ImageUrl = "https://example.com/a.png", Detail = "low" });
        var high = UserRequest("Describe this.");
        high.Messages[0].Content.Add(new ContentPart { Kind = ContentPartKind.Image, ImageUrl = "https://example.com/a.png" });

        Assert.Equal(765 - 85, _estimator.EstimatePromptTokens(high) - _estimator.EstimatePromptTokens(low));
    }

    [Fact]
    public void EstimateJsonTokens_LargeValue_MatchesItsText()
    {
        var json = "{" + string.Join(",", Enumerable.Range(0, 80).Select(i => $"\"field_{i}\":\"välue {i}\"")) + "}";
        Assert.True(Encoding.UTF8.GetByteCount(json) > 1024);
        using var document = JsonDocument.Parse(json);

        Assert.Equal(_estimator.EstimateTextTokens(json), _estimator.EstimateJsonTokens(document.RootElement));
    }

    [Fact]
    public void EstimateTextTokens_LongText_DoesNotAllocate()
    {
        var text = string.Concat(Enumerable.Repeat(TokenSamples.Texts[0].Text + TokenSamples.Texts[17].Text, 50));
        _estimator.EstimateTextTokens(text);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var tokens = _estimator.EstimateTextTokens(text);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(tokens > 0);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void EstimateTextTokens_SplitSurrogatePair_CountsOnce()
    {
        Assert.Equal(_estimator.EstimateTextTokens("🎉"), _estimator.EstimateTextTokens("\uD83C"));
    }

    private static ChatRequest UserRequest(string text)
    {
        var request = new ChatRequest();
        var message = new ChatMessage { Role = ChatRole.User };
        message.Content.Add(ContentPart.FromText(text));
        request.Messages.Add(message);
        return request;
    }

    private static double RelativeError(int estimate, int reference) => Math.Abs(estimate - reference) / (double)reference;
}
