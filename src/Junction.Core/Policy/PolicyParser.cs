using System.Text.Json;
using Junction.Core.Policy.Ast;

namespace Junction.Core.Policy;

/// <summary>The outcome of parsing a policy: the document, or every error found (not just the first).</summary>
public sealed class PolicyParseResult
{
    public PolicyDocument? Policy { get; init; }

    public IReadOnlyList<PolicyError> Errors { get; init; } = [];

    public bool IsValid => Policy is not null && Errors.Count == 0;
}

/// <summary>Parses and validates <c>junction-pol/v1</c> JSON into a <see cref="PolicyDocument"/>.</summary>
public static class PolicyParser
{
    /// <summary>Parses UTF-8 JSON text.</summary>
    public static PolicyParseResult Parse(ReadOnlySpan<byte> utf8Json) => throw new NotImplementedException();

    /// <summary>Parses an already-read JSON element (e.g. the <c>junction.policy</c> member of a request body).</summary>
    public static PolicyParseResult Parse(JsonElement element) => throw new NotImplementedException();
}
