using System.Text;
using Junction.Simulator.Text;

namespace Junction.Simulator.Tests.Text;

/// <summary>A reply ends just before the first stop sequence it would contain, as a provider's does.</summary>
public sealed class StopSequenceTests
{
    private const string Model = "model-é";

    [Theory]
    [InlineData(" from", "Simulated reply", 2)]
    [InlineData("ply f", "Simulated re", 2)]
    [InlineData("-é:", "Simulated reply from model", 4)]
    [InlineData("Simulated", "", 0)]
    [InlineData("imulated", "S", 1)]
    public void ForText_StopSequenceInTheText_EndsJustBeforeIt(string stop, string text, int tokens)
    {
        var reply = Reply.ForText(Model, 7, outputTokens: 20, maxTokens: null, [stop]);

        Assert.Equal(text, Text(reply.Text));
        Assert.Equal(FinishReason.Stop, reply.Finish);
        Assert.Equal(stop, reply.StopSequence);
        Assert.Equal(tokens, reply.CompletionTokens);
        Assert.Equal(tokens, reply.Text.TokenCount);
    }

    [Fact]
    public void ForText_SeveralStopSequences_TheEarliestInTheTextWins()
    {
        var reply = Reply.ForText(Model, 7, outputTokens: 20, maxTokens: null, ["model", "reply", "nowhere"]);

        Assert.Equal("Simulated ", Text(reply.Text));
        Assert.Equal("reply", reply.StopSequence);
    }

    [Fact]
    public void ForText_TheFinalFullStop_EndsBeforeIt()
    {
        var whole = Text(Reply.ForText(Model, 7, outputTokens: 20, maxTokens: null, []).Text);

        var reply = Reply.ForText(Model, 7, outputTokens: 20, maxTokens: null, ["."]);

        Assert.Equal(whole[..^1], Text(reply.Text));
        Assert.Equal(20, reply.CompletionTokens);
    }

    [Fact]
    public void ForText_NoStopSequenceInTheText_IsTheWholeText()
    {
        var plain = Reply.ForText(Model, 7, outputTokens: 20, maxTokens: null, []);

        var reply = Reply.ForText(Model, 7, outputTokens: 20, maxTokens: null, ["not in it", ""]);

        Assert.Equal(Text(plain.Text), Text(reply.Text));
        Assert.Null(reply.StopSequence);
        Assert.Equal(FinishReason.Stop, reply.Finish);
    }

    [Fact]
    public void ForText_StopSequenceBeyondMaxTokens_IsNeverReached()
    {
        var reply = Reply.ForText(Model, 7, outputTokens: 20, maxTokens: 2, [" from"]);

        Assert.Equal("Simulated reply", Text(reply.Text));
        Assert.Equal(FinishReason.Length, reply.Finish);
        Assert.Null(reply.StopSequence);
    }

    [Fact]
    public void WriteToken_CutText_TokensConcatenateToTheWhole()
    {
        var reply = Reply.ForText(Model, 7, outputTokens: 20, maxTokens: null, ["ply f"]);
        var tokens = new StringBuilder();
        var buffer = new byte[reply.Text.MaxTokenLength];
        for (var i = 0; i < reply.Text.TokenCount; i++)
        {
            tokens.Append(Encoding.UTF8.GetString(buffer, 0, reply.Text.WriteToken(i, buffer)));
        }

        Assert.Equal("Simulated re", tokens.ToString());
    }

    private static string Text(ReplyText text)
    {
        var buffer = new byte[Math.Max(text.MaxLength, 1)];
        return Encoding.UTF8.GetString(buffer, 0, text.WriteAll(buffer));
    }
}
