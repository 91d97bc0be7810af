using Junction.Providers.Anthropic;
using Junction.Providers.Presets;

namespace Junction.Providers.Tests.Anthropic;

public sealed class AnthropicRegistrationTests
{
    [Fact]
    public void CreateDefault_RegistersTheAnthropicDialect()
    {
        using var client = new HttpClient();

        var adapters = ProviderAdapters.CreateDefault(client);

        Assert.True(adapters.TryGet("anthropic", out var adapter));
        Assert.IsType<AnthropicAdapter>(adapter);
        Assert.Equal(AnthropicAdapter.DialectName, adapter.Dialect);
    }

    [Fact]
    public void TryGet_Anthropic_IsTheMessagesApiPreset()
    {
        Assert.True(ProviderPresets.TryGet("anthropic", out var preset));
        Assert.Equal("anthropic", preset.Dialect);
        Assert.Equal(new Uri("https://api.anthropic.com/v1"), preset.BaseUrl);
        Assert.Equal("ANTHROPIC_API_KEY", preset.ApiKeyVariable);
        Assert.Contains(preset, ProviderPresets.All);
    }
}
