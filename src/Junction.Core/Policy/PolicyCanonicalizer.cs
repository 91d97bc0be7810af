using Junction.Core.Policy.Ast;

namespace Junction.Core.Policy;

/// <summary>Canonical form and fingerprint (POLICY.md §3).</summary>
public static class PolicyCanonicalizer
{
    /// <summary>The canonical UTF-8 JSON bytes of a policy.</summary>
    public static byte[] ToCanonicalJson(PolicyDocument policy) => throw new NotImplementedException();

    /// <summary>The canonical JSON of one filter clause, as rejections quote it.</summary>
    public static string ClauseJson(Predicate clause) => throw new NotImplementedException();

    /// <summary><c>pol_</c> + the first 12 hex digits of the SHA-256 of the canonical bytes.</summary>
    public static string Fingerprint(PolicyDocument policy) => throw new NotImplementedException();
}
