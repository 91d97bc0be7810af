using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Junction.Simulator.Anthropic;

/// <summary>
/// Checks the key against the required one, answering like Anthropic when it is missing or wrong. The key comes in
/// <c>x-api-key</c>, or as <c>Authorization: Bearer</c>, which the current official SDKs send.
/// </summary>
internal static class AnthropicApiKeyCheck
{
    private const string Bearer = "Bearer ";

    public static AnthropicError? Check(HttpRequest request, string? requiredKey)
    {
        if (requiredKey is null)
        {
            return null;
        }
        var given = request.Headers["x-api-key"].ToString().AsSpan().Trim();
        if (given.IsEmpty)
        {
            var authorization = request.Headers[HeaderNames.Authorization].ToString();
            if (authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
            {
                given = authorization.AsSpan(Bearer.Length).Trim();
            }
        }
        if (given.IsEmpty)
        {
            return AnthropicError.MissingApiKey;
        }
        var matches = CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(given), MemoryMarshal.AsBytes(requiredKey.AsSpan()));
        return matches ? null : AnthropicError.IncorrectApiKey;
    }
}
