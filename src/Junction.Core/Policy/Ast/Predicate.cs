using System.Collections.Immutable;

namespace Junction.Core.Policy.Ast;

/// <summary>Numeric comparison operators of <c>["cmp", field, op, number]</c>.</summary>
public enum CmpOp
{
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

/// <summary>A filter term of <c>junction-pol/v1</c>. Equality is structural (records), so canonical trees compare equal.</summary>
public abstract record Predicate;

/// <summary><c>["true"]</c> or <c>["false"]</c>.</summary>
public sealed record ConstPredicate(bool Value) : Predicate;

/// <summary><c>["and", P, ...]</c>.</summary>
public sealed record AndPredicate(ImmutableArray<Predicate> Operands) : Predicate
{
    public bool Equals(AndPredicate? other) => other is not null && Operands.SequenceEqual(other.Operands);

    public override int GetHashCode() => Operands.Length;
}

/// <summary><c>["or", P, ...]</c>.</summary>
public sealed record OrPredicate(ImmutableArray<Predicate> Operands) : Predicate
{
    public bool Equals(OrPredicate? other) => other is not null && Operands.SequenceEqual(other.Operands);

    public override int GetHashCode() => Operands.Length;
}

/// <summary><c>["not", P]</c>.</summary>
public sealed record NotPredicate(Predicate Operand) : Predicate;

/// <summary><c>["eq", field, value]</c>, or <c>["ne", field, value]</c> when <paramref name="Negated"/>.</summary>
public sealed record EqPredicate(string Field, PolicyValue Value, bool Negated) : Predicate;

/// <summary><c>["in", field, [v, ...]]</c>, or <c>["nin", ...]</c> when <paramref name="Negated"/>.</summary>
public sealed record InPredicate(string Field, ImmutableArray<PolicyValue> Values, bool Negated) : Predicate
{
    public bool Equals(InPredicate? other) =>
        other is not null && Field == other.Field && Negated == other.Negated && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Field, Negated, Values.Length);
}

/// <summary><c>["cmp", field, op, number]</c>.</summary>
public sealed record CmpPredicate(string Field, CmpOp Op, double Value) : Predicate;

/// <summary><c>["has", capability]</c>.</summary>
public sealed record HasPredicate(string Capability) : Predicate;
