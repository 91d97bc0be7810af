using Junction.Providers.Gemini;
using Junction.Providers.Presets;

namespace Junction.Providers.Tests.Gemini;

public sealed class GeminiPresetTests
{
    [Fact]
    public void TryGet_Google_SpeaksGeminiAtTheV1BetaBaseUrl()
    {
        Assert.True(ProviderPresets.TryGet("google", out var preset));

        Assert.Equal("gemini", preset.Dialect);
        Assert.Equal(new Uri("https://generativelanguage.googleapis.com/v1beta"), preset.BaseUrl);
        Assert.Equal("GEMINI_API_KEY", preset.ApiKeyVariable);
        Assert.Equal(["GOOGLE_API_KEY"], preset.AlternateApiKeyVariables);
        Assert.Contains(preset, ProviderPresets.All);
    }

    [Fact]
    public void CreateDefault_RegistersTheGeminiDialect()
    {
        using var client = new HttpClient();

        var adapters = ProviderAdapters.CreateDefault(client);

        Assert.True(adapters.TryGet("gemini", out var adapter));
        Assert.IsType<GeminiAdapter>(adapter);
        Assert.Equal(GeminiAdapter.DialectName, adapter.Dialect);
    }
}
