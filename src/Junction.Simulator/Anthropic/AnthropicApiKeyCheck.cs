using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Junction.Simulator.Anthropic;

/// <summary>Checks <c>x-api-key</c> against the required key, answering like Anthropic when it is missing or wrong.</summary>
internal static class AnthropicApiKeyCheck
{
    public static AnthropicError? Check(HttpRequest request, string? requiredKey)
    {
        if (requiredKey is null)
        {
            return null;
        }
        var header = request.Headers["x-api-key"].ToString();
        if (header.Length == 0)
        {
            return AnthropicError.MissingApiKey;
        }
        var given = header.AsSpan().Trim();
        var matches = CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(given), MemoryMarshal.AsBytes(requiredKey.AsSpan()));
        return matches ? null : AnthropicError.IncorrectApiKey;
    }
}
