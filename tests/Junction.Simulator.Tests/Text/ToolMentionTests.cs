using System.Text;
using Junction.Simulator.Text;

namespace Junction.Simulator.Tests.Text;

public sealed class ToolMentionTests
{
    [Theory]
    [InlineData("use a tool", true)]
    [InlineData("Tool: weather", true)]
    [InlineData("which TOOLS exist?", true)]
    [InlineData("tool", true)]
    [InlineData("a toolbox", false)]
    [InlineData("stool", false)]
    [InlineData("tool_choice", false)]
    [InlineData("no mention", false)]
    public void In_Text_FindsWholeWordOnly(string text, bool expected) =>
        Assert.Equal(expected, ToolMention.In(Encoding.UTF8.GetBytes(text)));
}
