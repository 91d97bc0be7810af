using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Junction.Simulator.Gemini;

/// <summary>
/// Checks <c>x-goog-api-key</c> against the required key, answering as Google does when it is missing or wrong. A key in
/// the query string (<c>?key=</c>), which Google also accepts, is always refused: keys in URLs end up in logs.
/// </summary>
internal static class GeminiApiKeyCheck
{
    public const string Header = "x-goog-api-key";

    public static GeminiError? Check(HttpRequest request, string? requiredKey)
    {
        if (request.Query.ContainsKey("key"))
        {
            return GeminiError.KeyInUrl;
        }

        if (requiredKey is null)
        {
            return null;
        }

        var given = request.Headers[Header].ToString().AsSpan().Trim();
        if (given.IsEmpty)
        {
            return GeminiError.MissingApiKey;
        }

        var matches = CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(given), MemoryMarshal.AsBytes(requiredKey.AsSpan()));
        return matches ? null : GeminiError.InvalidApiKey;
    }
}
