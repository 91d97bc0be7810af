using System.Text.Json;
using Junction.Core.Policy.Ast;
using Junction.Core.Policy.Parsing;

namespace Junction.Core.Policy;

/// <summary>The outcome of parsing a policy: the document, or every error found (not just the first).</summary>
public sealed class PolicyParseResult
{
    /// <summary>The parsed policy; null whenever there is any error, so an invalid policy can never be applied.</summary>
    public PolicyDocument? Policy { get; init; }

    public IReadOnlyList<PolicyError> Errors { get; init; } = [];

    public bool IsValid => Policy is not null && Errors.Count == 0;

    internal static PolicyParseResult Success(PolicyDocument policy) => new() { Policy = policy };

    internal static PolicyParseResult Failure(IReadOnlyList<PolicyError> errors) => new() { Errors = errors };
}

/// <summary>Parses and validates <c>junction-pol/v1</c> JSON into a <see cref="PolicyDocument"/>.</summary>
/// <remarks>
/// Strategy names are expanded here, so the document holds only scorers. The document is as written
/// (not normalized): <see cref="PolicyCanonicalizer.Normalize"/> gives the canonical tree.
/// </remarks>
public static class PolicyParser
{
    /// <summary>Nesting limit of the JSON text, in arrays and objects.</summary>
    public const int MaxDepth = 64;

    /// <summary>Parses UTF-8 JSON text.</summary>
    public static PolicyParseResult Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            using var document = JsonDocument.ParseValue(ref reader);

            // ParseValue stops after the first value; anything but whitespace after it is not a policy.
            if (reader.Read())
            {
                return PolicyParseResult.Failure([new PolicyError("$", "invalid JSON: unexpected content after the policy object")]);
            }

            return PolicyReader.Read(document.RootElement);
        }
        catch (JsonException e)
        {
            return PolicyParseResult.Failure([new PolicyError("$", $"invalid JSON: {e.Message}")]);
        }
    }

    /// <summary>Parses an already-read JSON element (e.g. the <c>junction.policy</c> member of a request body).</summary>
    public static PolicyParseResult Parse(JsonElement element) => PolicyReader.Read(element);
}
