using System.Text.Json;

namespace Junction.Core.Policy.Parsing;

/// <summary>What the three term readers share: the <c>[op, arg, ...]</c> array shape and field lookup.</summary>
internal static class TermReader
{
    /// <summary>
    /// The operator of a term, or null after reporting a term that is not a non-empty array starting with a string.
    /// </summary>
    public static string? ReadOperator(PolicyReadContext context, JsonElement term, string kind, string example)
    {
        if (term.ValueKind != JsonValueKind.Array || term.GetArrayLength() == 0)
        {
            context.Error($"{kind} must be a non-empty array like {example}, got {PolicyReadContext.Describe(term)}");
            return null;
        }

        using (context.Enter(0))
        {
            return context.ReadString(term[0], "an operator");
        }
    }

    /// <summary>True when the term has exactly the elements of <paramref name="form"/>; reports it otherwise.</summary>
    public static bool HasArity(PolicyReadContext context, JsonElement term, int length, string op, string form)
    {
        var actual = term.GetArrayLength();
        if (actual == length)
        {
            return true;
        }

        context.Error($"'{op}' takes the form {form}, got {actual} element{(actual == 1 ? "" : "s")}");
        return false;
    }

    /// <summary>A known field, or null after reporting an unknown one with the closest known name.</summary>
    public static FieldDescriptor? ReadField(PolicyReadContext context, JsonElement element)
    {
        if (context.ReadString(element, "a field name") is not { } name)
        {
            return null;
        }

        if (PolicyFields.TryGet(name, out var field))
        {
            return field;
        }

        context.Error($"unknown field '{name}'", NameSuggester.Suggest(name, PolicyFields.All.Select(f => f.Name)));
        return null;
    }

    public static string Describe(FieldType type) => type switch
    {
        FieldType.String => "a string field",
        FieldType.StringSet => "a string set field",
        FieldType.Number => "a number field",
        _ => "a boolean field",
    };
}
