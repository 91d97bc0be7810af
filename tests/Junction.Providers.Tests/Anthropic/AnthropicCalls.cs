using Junction.Core.Requests;
using Junction.Providers.Abstractions;
using Junction.Providers.Tests.Infrastructure;

namespace Junction.Providers.Tests.Anthropic;

/// <summary>Builds calls to a Claude model for the Anthropic adapter tests.</summary>
internal static class AnthropicCalls
{
    public const string Key = "sk-ant-api03-test-key-0000";

    public static ProviderCall Call(Uri baseUrl, string? apiKey = Key, bool stream = false, TimeSpan? attemptTimeout = null, ChatRequest? request = null) =>
        new(request ?? TestCalls.Hello(stream), TestCalls.Model("claude-sonnet-4-5-20250929", "anthropic"), new ProviderEndpoint("anthropic", baseUrl, apiKey))
        {
            AttemptTimeout = attemptTimeout,
        };
}
