using System.Security.Cryptography;
using System.Text;

namespace Junction.Storage.Keys;

/// <summary>
/// Makes and hashes API key secrets. A secret is <c>jk_</c> + 40 base62 characters from
/// <see cref="RandomNumberGenerator"/> (about 238 bits); it is stored as <c>sha256:</c> + 64 lowercase hex digits
/// of the SHA-256 of its UTF-8 bytes. This is the only implementation of that form: keys declared in the server's
/// configuration and keys in the store are hashed here alike, so they can never disagree.
/// </summary>
public static class ApiKeySecrets
{
    public const string SecretPrefix = "jk_";

    public const int RandomLength = 40;

    /// <summary>Characters of the secret shown in clear: <c>jk_</c> + 8.</summary>
    public const int VisiblePrefixLength = 3 + 8;

    public const string HashPrefix = "sha256:";

    public const int HashLength = 7 + 64;

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A new secret; <see cref="RandomNumberGenerator.GetString"/> picks each character without modulo bias.</summary>
    public static string NewSecret() => SecretPrefix + RandomNumberGenerator.GetString(Base62, RandomLength);

    /// <summary>A new key id: <c>key_</c> + 20 base62 characters.</summary>
    public static string NewKeyId() => "key_" + RandomNumberGenerator.GetString(Base62, 20);

    public static string VisiblePrefix(string secret) => secret.Length <= VisiblePrefixLength ? secret : secret[..VisiblePrefixLength];

    public static string Hash(ReadOnlySpan<char> secret)
    {
        Span<char> chars = stackalloc char[HashLength];
        return TryHash(secret, chars) ? new string(chars) : throw new ArgumentException("The key is too long.", nameof(secret));
    }

    /// <summary>Writes the stored form into <paramref name="destination"/> (at least <see cref="HashLength"/>) without allocating; false for a key over 512 UTF-8 bytes.</summary>
    public static bool TryHash(ReadOnlySpan<char> secret, Span<char> destination)
    {
        const int MaxKeyBytes = 512;
        if (secret.Length > MaxKeyBytes || Encoding.UTF8.GetByteCount(secret) > MaxKeyBytes)
        {
            return false;
        }

        Span<byte> utf8 = stackalloc byte[MaxKeyBytes];
        var length = Encoding.UTF8.GetBytes(secret, utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], digest);
        HashPrefix.CopyTo(destination);
        return Convert.TryToHexStringLower(digest, destination[HashPrefix.Length..], out _);
    }

    /// <summary>Whether a value has the stored form (prefix and 64 lowercase hex digits), e.g. a hash from configuration.</summary>
    public static bool IsWellFormedHash(string? hash)
    {
        if (hash is null || hash.Length != HashLength || !hash.StartsWith(HashPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in hash.AsSpan(HashPrefix.Length))
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
