using System.Collections.Immutable;
using System.Text.Json;
using Junction.Core.Policy.Ast;

namespace Junction.Core.Policy.Parsing;

/// <summary>Reads and validates <c>rank</c>: a strategy name or a scorer term.</summary>
internal static class ScorerReader
{
    private const string Example = "[\"field\", \"bench_intelligence\"]";

    /// <summary>A scorer; a strategy name may stand wherever a scorer may, and is expanded here.</summary>
    public static Scorer? Read(PolicyReadContext context, JsonElement term)
    {
        if (term.ValueKind == JsonValueKind.String)
        {
            return ReadStrategy(context, term.GetString()!);
        }

        if (TermReader.ReadOperator(context, term, "a scorer", Example) is not { } op)
        {
            return null;
        }

        switch (op)
        {
            case PolicyTerms.Field:
                return ReadField(context, term);
            case PolicyTerms.Normalize or PolicyTerms.Neg:
                if (!TermReader.HasArity(context, term, 2, op, $"[\"{op}\", S]"))
                {
                    return null;
                }

                using (context.Enter(1))
                {
                    return Read(context, term[1]) switch
                    {
                        null => null,
                        var inner when op == PolicyTerms.Neg => new NegScorer(inner),
                        var inner => new NormalizeScorer(inner),
                    };
                }

            case PolicyTerms.Const:
                if (!TermReader.HasArity(context, term, 2, op, "[\"const\", number]"))
                {
                    return null;
                }

                using (context.Enter(1))
                {
                    return context.ReadNumber(term[1], "a constant") is { } value ? new ConstScorer(value) : null;
                }

            case PolicyTerms.Weighted:
                return ReadWeighted(context, term);
            default:
                context.ErrorAt(0, $"unknown scorer '{op}'", NameSuggester.Suggest(op, PolicyTerms.ScorerOperators));
                return null;
        }
    }

    private static Scorer? ReadStrategy(PolicyReadContext context, string name)
    {
        if (Strategies.TryGet(name, out var scorer))
        {
            return scorer;
        }

        context.Error($"unknown strategy '{name}' (one of {string.Join(", ", Strategies.Names)})", NameSuggester.Suggest(name, Strategies.Names));
        return null;
    }

    private static FieldScorer? ReadField(PolicyReadContext context, JsonElement term)
    {
        if (!TermReader.HasArity(context, term, 2, PolicyTerms.Field, "[\"field\", f]"))
        {
            return null;
        }

        using (context.Enter(1))
        {
            if (TermReader.ReadField(context, term[1]) is not { } field)
            {
                return null;
            }

            if (field.Type != FieldType.Number)
            {
                context.Error($"a scorer needs a number field; '{field.Name}' is {TermReader.Describe(field.Type)}");
                return null;
            }

            return new FieldScorer(field.Name);
        }
    }

    private static WeightedScorer? ReadWeighted(PolicyReadContext context, JsonElement term)
    {
        const string Form = "[\"weighted\", [[w, S], ...]]";
        if (!TermReader.HasArity(context, term, 2, PolicyTerms.Weighted, Form))
        {
            return null;
        }

        using (context.Enter(1))
        {
            var list = term[1];
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                context.Error($"'weighted' takes a non-empty list of [weight, scorer] pairs, got {PolicyReadContext.Describe(list)}");
                return null;
            }

            var terms = ImmutableArray.CreateBuilder<WeightedTerm>(list.GetArrayLength());
            var valid = true;
            var index = 0;
            foreach (var pair in list.EnumerateArray())
            {
                using (context.Enter(index++))
                {
                    if (ReadTerm(context, pair) is { } weighted)
                    {
                        terms.Add(weighted);
                    }
                    else
                    {
                        valid = false;
                    }
                }
            }

            return valid ? new WeightedScorer(terms.MoveToImmutable()) : null;
        }
    }

    private static WeightedTerm? ReadTerm(PolicyReadContext context, JsonElement pair)
    {
        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
        {
            context.Error($"a weighted term is a [weight, scorer] pair, got {PolicyReadContext.Describe(pair)}");
            return null;
        }

        double? weight;
        using (context.Enter(0))
        {
            weight = context.ReadNumber(pair[0], "a weight");
        }

        using (context.Enter(1))
        {
            var scorer = Read(context, pair[1]);
            return weight is { } w && scorer is not null ? new WeightedTerm(w, scorer) : null;
        }
    }
}
