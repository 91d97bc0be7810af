using System.Text;
using Junction.Simulator.Text;

namespace Junction.Simulator.Tests.Text;

public sealed class ReplyTextTests
{
    [Fact]
    public void WriteAll_EqualsTokensConcatenated()
    {
        var reply = new ReplyText("model-é", seed: 99, tokenCount: 12, endsSentence: true);
        var tokens = new StringBuilder();
        var buffer = new byte[reply.MaxTokenLength];
        for (var i = 0; i < reply.TokenCount; i++)
        {
            tokens.Append(Encoding.UTF8.GetString(buffer, 0, reply.WriteToken(i, buffer)));
        }

        var whole = new byte[reply.MaxLength];
        var text = Encoding.UTF8.GetString(whole, 0, reply.WriteAll(whole));

        Assert.Equal(tokens.ToString(), text);
        Assert.StartsWith("Simulated reply from model-é: ", text, StringComparison.Ordinal);
        Assert.EndsWith(".", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteAll_DifferentSeeds_DifferentWords()
    {
        Assert.NotEqual(Text(new ReplyText("m", 1, 20, true)), Text(new ReplyText("m", 2, 20, true)));
        Assert.Equal(Text(new ReplyText("m", 1, 20, true)), Text(new ReplyText("m", 1, 20, true)));
    }

    private static string Text(ReplyText reply)
    {
        var buffer = new byte[reply.MaxLength];
        return Encoding.UTF8.GetString(buffer, 0, reply.WriteAll(buffer));
    }
}
