using Junction.Providers.Errors;

namespace Junction.Providers.Tests.Errors;

public sealed class SafeMessageTests
{
    [Fact]
    public void From_UrlWithQueryString_DropsTheQuery()
    {
        var message = SafeMessage.From("See https://example.com/docs/errors?sig=abc123&key=zzz for details", null, "fallback");

        Assert.Equal("See https://example.com/docs/errors for details", message);
    }

    [Fact]
    public void From_KeyShapedWord_IsMasked()
    {
        var message = SafeMessage.From("Incorrect API key provided: gsk_abcd****wxyz.", null, "fallback");

        Assert.Equal("Incorrect API key provided: [redacted]", message);
    }

    [Fact]
    public void From_LongMultilineText_IsFoldedAndCapped()
    {
        var message = SafeMessage.From("first\nsecond\t" + new string('x', 1000), null, "fallback");

        Assert.StartsWith("first second x", message, StringComparison.Ordinal);
        Assert.Equal(SafeMessage.MaxLength + 1, message.Length);
        Assert.EndsWith("…", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void From_NoText_UsesFallback(string? text)
    {
        Assert.Equal("fallback", SafeMessage.From(text, "secret", "fallback"));
    }
}
