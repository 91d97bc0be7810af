using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Junction.Core.Policy.Ast;

namespace Junction.Core.Policy;

/// <summary>Canonical form and fingerprint (POLICY.md §3).</summary>
public static class PolicyCanonicalizer
{
    /// <summary>The prefix of every fingerprint.</summary>
    public const string FingerprintPrefix = "pol_";

    /// <summary>
    /// The canonical AST: <c>and</c>/<c>or</c> flattened, sorted and de-duplicated, lists sorted, split arms and
    /// <c>fallback.on</c> sorted. Defaults are not filled, so a layer still shows what it set.
    /// </summary>
    public static PolicyDocument Normalize(PolicyDocument policy) => PolicyNormalizer.Normalize(policy);

    /// <summary>The same policy with every member a layer left unset given its <see cref="PolicyDefaults"/> value.</summary>
    public static PolicyDocument WithDefaults(PolicyDocument policy) => PolicyNormalizer.WithDefaults(policy);

    /// <summary>The canonical UTF-8 JSON bytes of a policy: normalized, defaults filled, version stamped.</summary>
    public static byte[] ToCanonicalJson(PolicyDocument policy)
    {
        var canonical = PolicyNormalizer.WithDefaults(PolicyNormalizer.Normalize(policy));
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, PolicyJsonWriter.Options))
        {
            PolicyJsonWriter.WriteDocument(writer, canonical);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The canonical JSON of one filter clause, as rejections quote it.</summary>
    public static string ClauseJson(Predicate clause) =>
        Encoding.UTF8.GetString(PolicyNormalizer.ToBytes(PolicyNormalizer.Normalize(clause)));

    /// <summary>The canonical JSON of a scorer (strategies appear expanded).</summary>
    public static string ToJson(Scorer scorer) => Write(w => PolicyJsonWriter.WriteScorer(w, PolicyNormalizer.Normalize(scorer)));

    /// <summary>The canonical JSON of a selection.</summary>
    public static string ToJson(Selection selection) =>
        Write(w => PolicyJsonWriter.WriteSelection(w, PolicyNormalizer.Normalize(selection)));

    /// <summary><c>pol_</c> + the first 12 hex digits of the SHA-256 of the canonical bytes.</summary>
    public static string Fingerprint(PolicyDocument policy) => FingerprintOf(ToCanonicalJson(policy));

    /// <summary>The fingerprint of bytes already in canonical form.</summary>
    public static string FingerprintOf(ReadOnlySpan<byte> canonicalJson)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(canonicalJson, hash);
        return FingerprintPrefix + Convert.ToHexStringLower(hash[..6]);
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, PolicyJsonWriter.Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
