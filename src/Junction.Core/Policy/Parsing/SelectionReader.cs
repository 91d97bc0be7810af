using System.Collections.Immutable;
using System.Text.Json;
using Junction.Core.Policy.Ast;

namespace Junction.Core.Policy.Parsing;

/// <summary>Reads and validates <c>select</c>.</summary>
internal static class SelectionReader
{
    private static readonly ArgmaxSelection Argmax = new();

    public static Selection? Read(PolicyReadContext context, JsonElement term)
    {
        if (TermReader.ReadOperator(context, term, "a selection", "[\"argmax\"]") is not { } op)
        {
            return null;
        }

        switch (op)
        {
            case PolicyTerms.Argmax:
                return TermReader.HasArity(context, term, 1, op, "[\"argmax\"]") ? Argmax : null;
            case PolicyTerms.Pin:
                if (!TermReader.HasArity(context, term, 2, op, "[\"pin\", model]"))
                {
                    return null;
                }

                using (context.Enter(1))
                {
                    return ReadModel(context, term[1]) is { } model ? new PinSelection(model) : null;
                }

            case PolicyTerms.Split:
                return ReadSplit(context, term);
            default:
                context.ErrorAt(0, $"unknown selection '{op}'", NameSuggester.Suggest(op, PolicyTerms.SelectionOperators));
                return null;
        }
    }

    private static SplitSelection? ReadSplit(PolicyReadContext context, JsonElement term)
    {
        if (!TermReader.HasArity(context, term, 2, PolicyTerms.Split, "[\"split\", [[model, weight], ...]]"))
        {
            return null;
        }

        using (context.Enter(1))
        {
            var list = term[1];
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                context.Error($"'split' takes a non-empty list of [model, weight] arms, got {PolicyReadContext.Describe(list)}");
                return null;
            }

            var arms = ImmutableArray.CreateBuilder<SplitArm>(list.GetArrayLength());
            var models = new HashSet<string>(StringComparer.Ordinal);
            var valid = true;
            var index = 0;
            foreach (var arm in list.EnumerateArray())
            {
                using (context.Enter(index++))
                {
                    if (ReadArm(context, arm, models) is { } read)
                    {
                        arms.Add(read);
                    }
                    else
                    {
                        valid = false;
                    }
                }
            }

            return valid ? new SplitSelection(arms.MoveToImmutable()) : null;
        }
    }

    private static SplitArm? ReadArm(PolicyReadContext context, JsonElement arm, HashSet<string> models)
    {
        if (arm.ValueKind != JsonValueKind.Array || arm.GetArrayLength() != 2)
        {
            context.Error($"a split arm is a [model, weight] pair, got {PolicyReadContext.Describe(arm)}");
            return null;
        }

        string? model;
        using (context.Enter(0))
        {
            model = ReadModel(context, arm[0]);
            if (model is not null && !models.Add(model))
            {
                context.Error($"model '{model}' appears in more than one arm");
                model = null;
            }
        }

        using (context.Enter(1))
        {
            var weight = context.ReadNumber(arm[1], "a weight");
            if (weight is <= 0)
            {
                context.Error($"a split weight must be greater than 0, got {arm[1].GetRawText()}");
                return null;
            }

            return model is not null && weight is { } w ? new SplitArm(model, w) : null;
        }
    }

    private static string? ReadModel(PolicyReadContext context, JsonElement element)
    {
        var model = context.ReadString(element, "a model id");
        if (model is { Length: 0 })
        {
            context.Error("a model id must not be empty");
            return null;
        }

        return model;
    }
}
