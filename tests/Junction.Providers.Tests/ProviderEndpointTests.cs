using Junction.Providers.Abstractions;

namespace Junction.Providers.Tests;

public sealed class ProviderEndpointTests
{
    [Theory]
    [InlineData("https://api.openai.com/v1", "chat/completions", "https://api.openai.com/v1/chat/completions")]
    [InlineData("https://api.openai.com/v1/", "chat/completions", "https://api.openai.com/v1/chat/completions")]
    [InlineData("http://127.0.0.1:8080/proxy/anthropic/v1", "messages", "http://127.0.0.1:8080/proxy/anthropic/v1/messages")]
    public void RequestUri_BaseWithOrWithoutSlash_JoinsWithOneSlash(string baseUrl, string path, string expected)
    {
        var endpoint = new ProviderEndpoint("p", new Uri(baseUrl), "sk-test");

        Assert.Equal(expected, endpoint.RequestUri(path).AbsoluteUri);
    }

    [Fact]
    public void RequestUri_SamePathAgain_SameInstance_AnotherPath_ItsOwn()
    {
        var endpoint = new ProviderEndpoint("p", new Uri("https://example.test/v1"), "sk-test");

        var first = endpoint.RequestUri("chat/completions");

        Assert.Same(first, endpoint.RequestUri("chat/completions"));
        Assert.Equal("https://example.test/v1/messages", endpoint.RequestUri("messages").AbsoluteUri);
        Assert.Equal("https://example.test/v1/chat/completions", endpoint.RequestUri("chat/completions").AbsoluteUri);
    }

    [Fact]
    public void BearerAuthorization_TheKeyAsABearerCredential_NullWithoutKey()
    {
        Assert.Equal("Bearer sk-test", new ProviderEndpoint("p", new Uri("https://example.test/v1"), "sk-test").BearerAuthorization);
        Assert.Null(new ProviderEndpoint("p", new Uri("https://example.test/v1"), null).BearerAuthorization);
        Assert.Null(new ProviderEndpoint("p", new Uri("https://example.test/v1"), "").BearerAuthorization);
    }
}
