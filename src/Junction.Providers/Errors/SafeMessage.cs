using System.Text;

namespace Junction.Providers.Errors;

/// <summary>
/// Turns a provider's error text into one safe to show a caller: the endpoint's key removed, anything shaped like a
/// provider key masked, URL query strings (which can carry keys) dropped, whitespace folded, length capped.
/// </summary>
internal static class SafeMessage
{
    public const int MaxLength = 300;

    private const string Redacted = "[redacted]";

    // Prefixes of provider keys that providers echo back half-masked ("Incorrect API key provided: sk-ab***yz").
    private static readonly string[] KeyPrefixes = ["sk-", "sk_", "gsk_", "xai-", "AIza", "pk-", "rk-", "jk_"];

    public static string From(string? providerMessage, string? secret, string fallback)
    {
        if (string.IsNullOrWhiteSpace(providerMessage))
        {
            return fallback;
        }

        var text = providerMessage;
        if (!string.IsNullOrEmpty(secret))
        {
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        }

        var builder = new StringBuilder(Math.Min(text.Length, MaxLength + 16));
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(Clean(word, secret));
            if (builder.Length > MaxLength)
            {
                break;
            }
        }

        if (builder.Length > MaxLength)
        {
            builder.Length = MaxLength;
            builder.Append('…');
        }

        return builder.Length == 0 ? fallback : builder.ToString();
    }

    private static string Clean(string word, string? secret)
    {
        var core = word.TrimStart('"', '\'', '(', '[', '`');
        foreach (var prefix in KeyPrefixes)
        {
            if (core.StartsWith(prefix, StringComparison.Ordinal) && core.Length > prefix.Length + 3)
            {
                return Redacted;
            }
        }

        if (ContainsSecretFragment(word, secret))
        {
            return Redacted;
        }

        var scheme = word.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var query = word.IndexOfAny(['?', '#'], scheme);
            if (query >= 0)
            {
                return word[..query];
            }
        }

        return word;
    }

    // A provider may echo the key cut short or masked in the middle; its head or tail alone still identifies it.
    private static bool ContainsSecretFragment(string word, string? secret)
    {
        if (secret is null || secret.Length < 16)
        {
            return false;
        }

        return word.Contains(secret.AsSpan(0, 8), StringComparison.Ordinal)
            || word.Contains(secret.AsSpan(secret.Length - 8), StringComparison.Ordinal);
    }
}
