using Junction.Providers.OpenAI;
using Junction.Providers.Presets;

namespace Junction.Providers.Tests.Presets;

public sealed class ProviderPresetsTests
{
    [Theory]
    [InlineData("openai", "https://api.openai.com/v1", "OPENAI_API_KEY")]
    [InlineData("groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY")]
    [InlineData("deepseek", "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY")]
    [InlineData("mistral", "https://api.mistral.ai/v1", "MISTRAL_API_KEY")]
    public void TryGet_KnownProvider_HasItsBaseUrlAndKeyVariable(string id, string baseUrl, string variable)
    {
        Assert.True(ProviderPresets.TryGet(id, out var preset));
        Assert.Equal(new Uri(baseUrl), preset.BaseUrl);
        Assert.Equal(variable, preset.ApiKeyVariable);
        Assert.Equal("openai", preset.Dialect);
    }

    [Fact]
    public void TryGet_UnknownProvider_ReturnsFalse()
    {
        Assert.False(ProviderPresets.TryGet("acme", out _));
    }

    [Fact]
    public void CreateEndpoint_WithOverride_KeepsQuirksAndUsesTheOverrideUrl()
    {
        var endpoint = ProviderPresets.Mistral.CreateEndpoint("key", new Uri("https://eu.proxy.example/v1"));

        Assert.Equal(new Uri("https://eu.proxy.example/v1"), endpoint.BaseUrl);
        Assert.True(endpoint.HasKey);
        Assert.Same(ProviderPresets.Mistral.Quirks, OpenAICompatibleAdapter.QuirksFor(endpoint));
        Assert.DoesNotContain("key", endpoint.ToString().Replace("mistral", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void QuirksFor_EndpointOfUnknownProvider_UsesDefaults()
    {
        var endpoint = new Junction.Providers.Abstractions.ProviderEndpoint("local-vllm", new Uri("http://127.0.0.1:8000/v1"), null);

        Assert.Same(ProviderQuirks.Default, OpenAICompatibleAdapter.QuirksFor(endpoint));
    }

    [Fact]
    public void QuirksFor_EndpointOfKnownProviderWithoutQuirks_UsesThePresets()
    {
        var endpoint = new Junction.Providers.Abstractions.ProviderEndpoint("groq", new Uri("https://api.groq.com/openai/v1"), "k");

        Assert.Same(ProviderPresets.Groq.Quirks, OpenAICompatibleAdapter.QuirksFor(endpoint));
    }
}
