using System.Collections.Immutable;
using System.Text.Json;
using Junction.Core.Catalog;
using Junction.Core.Policy.Ast;

namespace Junction.Core.Policy.Parsing;

/// <summary>Reads and validates the <c>filter</c> terms.</summary>
internal static class PredicateReader
{
    private const string Example = "[\"eq\", field, value]";

    /// <summary>Common spellings of comparisons, mapped to the <c>cmp</c> operator they mean.</summary>
    private static readonly Dictionary<string, string> CmpAliases = new(StringComparer.Ordinal)
    {
        ["<"] = "lt", ["<="] = "le", [">"] = "gt", [">="] = "ge", ["="] = "eq", ["=="] = "eq", ["!="] = "ne",
        ["gte"] = "ge", ["lte"] = "le", ["neq"] = "ne",
    };

    public static Predicate? Read(PolicyReadContext context, JsonElement term)
    {
        if (TermReader.ReadOperator(context, term, "a predicate", Example) is not { } op)
        {
            return null;
        }

        switch (op)
        {
            case PolicyTerms.True or PolicyTerms.False:
                return TermReader.HasArity(context, term, 1, op, $"[\"{op}\"]") ? new ConstPredicate(op == PolicyTerms.True) : null;
            case PolicyTerms.And or PolicyTerms.Or:
                return ReadJunction(context, term, op);
            case PolicyTerms.Not:
                if (!TermReader.HasArity(context, term, 2, op, "[\"not\", P]"))
                {
                    return null;
                }

                using (context.Enter(1))
                {
                    return Read(context, term[1]) is { } operand ? new NotPredicate(operand) : null;
                }

            case PolicyTerms.Eq or PolicyTerms.Ne:
                return ReadEq(context, term, op);
            case PolicyTerms.In or PolicyTerms.Nin:
                return ReadIn(context, term, op);
            case PolicyTerms.Cmp:
                return ReadCmp(context, term);
            case PolicyTerms.Has:
                return ReadHas(context, term);
            default:
                ReportUnknownOperator(context, op);
                return null;
        }
    }

    private static void ReportUnknownOperator(PolicyReadContext context, string op)
    {
        // "ge", "gte" and ">=" are comparisons written as if they were predicates: point at the cmp form.
        if (PolicyTerms.TryParseCmpOp(op, out _))
        {
            context.ErrorAt(0, $"'{op}' is not a predicate; comparisons are written [\"cmp\", field, \"{op}\", number]");
            return;
        }

        var cmpOp = CmpAliases.GetValueOrDefault(op) ?? NameSuggester.Suggest(op, PolicyTerms.CmpOperators);
        var predicateOp = NameSuggester.Suggest(op, PolicyTerms.PredicateOperators);
        var preferCmp = cmpOp is not null && (predicateOp is null || CmpAliases.ContainsKey(op) ||
            NameSuggester.Distance(op, cmpOp) < NameSuggester.Distance(op, predicateOp));
        if (preferCmp)
        {
            context.ErrorAt(0, $"unknown operator '{op}'; comparisons are written [\"cmp\", field, op, number]", cmpOp);
        }
        else
        {
            context.ErrorAt(0, $"unknown operator '{op}'", predicateOp);
        }
    }

    private static Predicate? ReadJunction(PolicyReadContext context, JsonElement term, string op)
    {
        var length = term.GetArrayLength();
        if (length < 2)
        {
            context.Error($"'{op}' needs at least one operand: [\"{op}\", P, ...]");
            return null;
        }

        var operands = ImmutableArray.CreateBuilder<Predicate>(length - 1);
        var valid = true;
        for (var i = 1; i < length; i++)
        {
            using (context.Enter(i))
            {
                if (Read(context, term[i]) is { } operand)
                {
                    operands.Add(operand);
                }
                else
                {
                    valid = false;
                }
            }
        }

        if (!valid)
        {
            return null;
        }

        return op == PolicyTerms.And ? new AndPredicate(operands.MoveToImmutable()) : new OrPredicate(operands.MoveToImmutable());
    }

    private static EqPredicate? ReadEq(PolicyReadContext context, JsonElement term, string op)
    {
        if (!TermReader.HasArity(context, term, 3, op, $"[\"{op}\", field, value]"))
        {
            return null;
        }

        FieldDescriptor? field;
        using (context.Enter(1))
        {
            field = TermReader.ReadField(context, term[1]);
        }

        if (field is null)
        {
            return null;
        }

        using (context.Enter(2))
        {
            return ReadValue(context, term[2], field) is { } value ? new EqPredicate(field.Name, value, op == PolicyTerms.Ne) : null;
        }
    }

    private static InPredicate? ReadIn(PolicyReadContext context, JsonElement term, string op)
    {
        if (!TermReader.HasArity(context, term, 3, op, $"[\"{op}\", field, [value, ...]]"))
        {
            return null;
        }

        FieldDescriptor? field;
        using (context.Enter(1))
        {
            field = TermReader.ReadField(context, term[1]);
        }

        if (field is null)
        {
            return null;
        }

        if (field.Type == FieldType.Boolean)
        {
            context.ErrorAt(0, $"'{op}' does not apply to boolean field '{field.Name}'", op == PolicyTerms.In ? PolicyTerms.Eq : PolicyTerms.Ne);
            return null;
        }

        using (context.Enter(2))
        {
            var list = term[2];
            if (list.ValueKind != JsonValueKind.Array)
            {
                context.Error($"'{op}' takes a list of values, got {PolicyReadContext.Describe(list)}");
                return null;
            }

            // An empty list is valid: "in" matches nothing and "nin" everything, which is what a caller that
            // builds the list from its own records (an allow-list that is empty) means.
            var values = ImmutableArray.CreateBuilder<PolicyValue>(list.GetArrayLength());
            var valid = true;
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                using (context.Enter(index++))
                {
                    if (ReadValue(context, item, field) is { } value)
                    {
                        values.Add(value);
                    }
                    else
                    {
                        valid = false;
                    }
                }
            }

            return valid ? new InPredicate(field.Name, values.MoveToImmutable(), op == PolicyTerms.Nin) : null;
        }
    }

    private static CmpPredicate? ReadCmp(PolicyReadContext context, JsonElement term)
    {
        if (!TermReader.HasArity(context, term, 4, PolicyTerms.Cmp, "[\"cmp\", field, op, number]"))
        {
            return null;
        }

        var valid = true;
        FieldDescriptor? field;
        using (context.Enter(1))
        {
            field = TermReader.ReadField(context, term[1]);
            if (field is { Type: not FieldType.Number })
            {
                context.Error($"'cmp' needs a number field; '{field.Name}' is {TermReader.Describe(field.Type)}");
                valid = false;
            }
        }

        var op = CmpOp.Eq;
        using (context.Enter(2))
        {
            if (context.ReadString(term[2], "a comparison operator") is not { } name)
            {
                valid = false;
            }
            else if (!PolicyTerms.TryParseCmpOp(name, out op))
            {
                var suggestion = CmpAliases.GetValueOrDefault(name) ?? NameSuggester.Suggest(name, PolicyTerms.CmpOperators);
                context.Error($"unknown comparison operator '{name}' (one of lt, le, gt, ge, eq, ne)", suggestion);
                valid = false;
            }
        }

        double? number;
        using (context.Enter(3))
        {
            number = context.ReadNumber(term[3], "a comparison operand");
        }

        return valid && field is not null && number is { } value ? new CmpPredicate(field.Name, op, value) : null;
    }

    private static HasPredicate? ReadHas(PolicyReadContext context, JsonElement term)
    {
        if (!TermReader.HasArity(context, term, 2, PolicyTerms.Has, "[\"has\", capability]"))
        {
            return null;
        }

        using (context.Enter(1))
        {
            if (context.ReadString(term[1], "a capability") is not { } name)
            {
                return null;
            }

            return CheckCapability(context, name) ? new HasPredicate(name) : null;
        }
    }

    /// <summary>A literal of the field's type, with the value sets of <c>circuit</c> and <c>capabilities</c> checked.</summary>
    private static PolicyValue? ReadValue(PolicyReadContext context, JsonElement element, FieldDescriptor field)
    {
        switch (field.Type)
        {
            case FieldType.Number:
                if (element.ValueKind != JsonValueKind.Number)
                {
                    context.Error($"'{field.Name}' is a number field; expected a number, got {PolicyReadContext.Describe(element)}");
                    return null;
                }

                return context.ReadNumber(element, "a value") is { } number ? PolicyValue.Of(number) : null;

            case FieldType.Boolean:
                if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    context.Error($"'{field.Name}' is a boolean field; expected true or false, got {PolicyReadContext.Describe(element)}");
                    return null;
                }

                return PolicyValue.Of(element.GetBoolean());

            default:
                if (element.ValueKind != JsonValueKind.String)
                {
                    context.Error($"'{field.Name}' is {TermReader.Describe(field.Type)}; expected a string, got {PolicyReadContext.Describe(element)}");
                    return null;
                }

                var text = element.GetString()!;
                var known = field.Id switch
                {
                    FieldId.Circuit => CheckCircuit(context, text),
                    FieldId.Capabilities => CheckCapability(context, text),
                    _ => true,
                };
                return known ? PolicyValue.Of(text) : null;
        }
    }

    private static bool CheckCircuit(PolicyReadContext context, string state)
    {
        if (Array.IndexOf(PolicyTerms.CircuitStates, state) >= 0)
        {
            return true;
        }

        context.Error($"unknown circuit state '{state}' (one of closed, open, half_open)", NameSuggester.Suggest(state, PolicyTerms.CircuitStates));
        return false;
    }

    private static bool CheckCapability(PolicyReadContext context, string name)
    {
        if (CapabilityNames.TryParse(name, out _))
        {
            return true;
        }

        context.Error($"unknown capability '{name}'", NameSuggester.Suggest(name, CapabilityNames.All.Select(c => c.Name)));
        return false;
    }
}
