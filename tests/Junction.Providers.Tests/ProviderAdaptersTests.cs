using Junction.Providers.OpenAI;

namespace Junction.Providers.Tests;

public sealed class ProviderAdaptersTests
{
    [Fact]
    public void CreateDefault_RegistersTheOpenAIDialect()
    {
        using var client = new HttpClient();

        var adapters = ProviderAdapters.CreateDefault(client);

        Assert.True(adapters.TryGet("openai", out var adapter));
        Assert.IsType<OpenAICompatibleAdapter>(adapter);
        Assert.False(adapters.TryGet("acme", out _));
    }

    [Fact]
    public void Constructor_TwoAdaptersForOneDialect_Throws()
    {
        using var client = new HttpClient();

        Assert.Throws<ArgumentException>(() => new ProviderAdapters([new OpenAICompatibleAdapter(client), new OpenAICompatibleAdapter(client)]));
    }
}
