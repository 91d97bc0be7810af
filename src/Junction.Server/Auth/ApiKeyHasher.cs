using System.Security.Cryptography;
using System.Text;

namespace Junction.Server.Auth;

/// <summary>
/// The one way an API key is turned into what the gateway stores: <c>sha256:</c> + 64 lowercase hex digits
/// of the SHA-256 of the key's UTF-8 bytes. Keys themselves are never kept.
/// </summary>
internal static class ApiKeyHasher
{
    public const string Prefix = "sha256:";

    /// <summary>Length of a stored hash: the prefix and 64 hex digits.</summary>
    public const int HashLength = 7 + 64;

    /// <summary>The stored form of a key (cold path: configuration, the CLI).</summary>
    public static string Hash(string key)
    {
        Span<char> chars = stackalloc char[HashLength];
        var written = Hash(key, chars);
        return new string(chars[..written]);
    }

    /// <summary>
    /// Writes the stored form of <paramref name="key"/> into <paramref name="destination"/> without allocating;
    /// returns the length written (always <see cref="HashLength"/>) or 0 when the key is too long to hash on the stack.
    /// </summary>
    public static int Hash(ReadOnlySpan<char> key, Span<char> destination)
    {
        const int MaxKeyBytes = 512;
        if ((long)key.Length * 3 > MaxKeyBytes && Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
        {
            return 0;
        }

        Span<byte> utf8 = stackalloc byte[MaxKeyBytes];
        var length = Encoding.UTF8.GetBytes(key, utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], digest);
        Prefix.CopyTo(destination);
        Convert.TryToHexStringLower(digest, destination[Prefix.Length..], out _);
        return HashLength;
    }

    /// <summary>Whether a configured value has the stored form (prefix and 64 lowercase hex digits).</summary>
    public static bool IsWellFormed(string? hash)
    {
        if (hash is null || hash.Length != HashLength || !hash.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in hash.AsSpan(Prefix.Length))
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
