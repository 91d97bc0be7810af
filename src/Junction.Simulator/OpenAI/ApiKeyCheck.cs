using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Junction.Simulator.OpenAI;

/// <summary>Checks <c>Authorization: Bearer</c> against the required key, answering like OpenAI when it is missing or wrong.</summary>
internal static class ApiKeyCheck
{
    public static OpenAIError? Check(HttpRequest request, string? requiredKey)
    {
        if (requiredKey is null)
        {
            return null;
        }
        var header = request.Headers[HeaderNames.Authorization].ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length == Scheme.Length)
        {
            return OpenAIError.MissingApiKey;
        }
        var given = header.AsSpan(Scheme.Length).Trim();
        var matches = CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(given), MemoryMarshal.AsBytes(requiredKey.AsSpan()));
        return matches ? null : OpenAIError.IncorrectApiKey;
    }
}
