using System.Globalization;

namespace Junction.Core.Policy.Ast;

/// <summary>The kind of a literal in a policy.</summary>
public enum PolicyValueKind
{
    String,
    Number,
    Boolean,
}

/// <summary>A literal in a policy (<c>eq</c>, <c>ne</c>, <c>in</c>, <c>nin</c> operands): a string, a number or a boolean.</summary>
public readonly record struct PolicyValue : IComparable<PolicyValue>
{
    private PolicyValue(PolicyValueKind kind, string? text, double number, bool boolean)
    {
        Kind = kind;
        Text = text;
        Number = number;
        Boolean = boolean;
    }

    public PolicyValueKind Kind { get; }

    /// <summary>The string value when <see cref="Kind"/> is <see cref="PolicyValueKind.String"/>.</summary>
    public string? Text { get; }

    public double Number { get; }

    public bool Boolean { get; }

    public static PolicyValue Of(string text) => new(PolicyValueKind.String, text, 0, false);

    public static PolicyValue Of(double number) => new(PolicyValueKind.Number, null, number, false);

    public static PolicyValue Of(bool boolean) => new(PolicyValueKind.Boolean, null, 0, boolean);

    /// <summary>Total order used to sort <c>in</c>/<c>nin</c> lists canonically: by kind, then value (strings ordinal).</summary>
    public int CompareTo(PolicyValue other)
    {
        if (Kind != other.Kind)
        {
            return Kind.CompareTo(other.Kind);
        }

        return Kind switch
        {
            PolicyValueKind.String => string.CompareOrdinal(Text, other.Text),
            PolicyValueKind.Number => Number.CompareTo(other.Number),
            _ => Boolean.CompareTo(other.Boolean),
        };
    }

    public override string ToString() => Kind switch
    {
        PolicyValueKind.String => Text!,
        PolicyValueKind.Number => Number.ToString("R", CultureInfo.InvariantCulture),
        _ => Boolean ? "true" : "false",
    };
}
