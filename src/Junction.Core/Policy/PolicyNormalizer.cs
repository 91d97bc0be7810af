using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using Junction.Core.Fallback;
using Junction.Core.Policy.Ast;

namespace Junction.Core.Policy;

/// <summary>
/// Rewrites a policy into its canonical AST (POLICY.md §3): equivalent spellings become one tree, so their
/// canonical bytes and fingerprints are equal. Cold path: runs once per distinct policy.
/// </summary>
internal static class PolicyNormalizer
{
    public static PolicyDocument Normalize(PolicyDocument policy) => policy with
    {
        Filter = policy.Filter is { } filter ? Normalize(filter) : null,
        Rank = policy.Rank is { } rank ? Normalize(rank) : null,
        Select = policy.Select is { } select ? Normalize(select) : null,
        Fallback = Normalize(policy.Fallback),
        MaxCost = policy.MaxCost is { } maxCost ? PositiveZero(maxCost) : null,

        // Locks are per layer and defer to nothing, so "locks nothing" and "not set" are the same statement.
        Lock = Normalize(policy.Lock),
    };

    public static PolicyDocument WithDefaults(PolicyDocument policy) => policy with
    {
        Filter = policy.Filter ?? PolicyDefaults.Filter,
        Rank = policy.Rank ?? PolicyDefaults.Rank,
        Select = policy.Select ?? PolicyDefaults.Select,
        Fallback = new FallbackSpec(
            policy.Fallback?.MaxAttempts ?? PolicyDefaults.MaxAttempts,
            policy.Fallback?.On ?? PolicyDefaults.FallbackOn,
            policy.Fallback?.AttemptTimeoutMs ?? PolicyDefaults.AttemptTimeoutMs),
        NoLog = policy.NoLog ?? PolicyDefaults.NoLog,
        Lock = policy.Lock ?? PolicyDefaults.Lock,
    };

    public static Predicate Normalize(Predicate predicate) => predicate switch
    {
        AndPredicate and => Junction(and.Operands, isAnd: true),
        OrPredicate or => Junction(or.Operands, isAnd: false),
        NotPredicate not => new NotPredicate(Normalize(not.Operand)),
        InPredicate @in => new InPredicate(@in.Field, SortedDistinct(@in.Values), @in.Negated),
        EqPredicate { Value.Kind: PolicyValueKind.Number } eq => eq with { Value = PolicyValue.Of(PositiveZero(eq.Value.Number)) },
        CmpPredicate cmp => cmp with { Value = PositiveZero(cmp.Value) },
        _ => predicate,
    };

    public static Scorer Normalize(Scorer scorer) => scorer switch
    {
        NormalizeScorer normalize => new NormalizeScorer(Normalize(normalize.Inner)),
        NegScorer neg => new NegScorer(Normalize(neg.Inner)),
        ConstScorer constant => new ConstScorer(PositiveZero(constant.Value)),

        // Terms keep their order: a weighted sum is evaluated left to right, and floating-point addition
        // is not associative, so reordering could move a tie.
        WeightedScorer weighted => new WeightedScorer(
            weighted.Terms.Select(t => new WeightedTerm(PositiveZero(t.Weight), Normalize(t.Scorer))).ToImmutableArray()),
        _ => scorer,
    };

    public static Selection Normalize(Selection selection) => selection switch
    {
        SplitSelection split => new SplitSelection(
            split.Arms.OrderBy(a => a.Model, StringComparer.Ordinal).ThenBy(a => a.Weight).ToImmutableArray()),
        _ => selection,
    };

    private static PolicyLocks? Normalize(PolicyLocks? locks)
    {
        var known = (locks ?? PolicyLocks.None) & (PolicyLocks.Rank | PolicyLocks.Select);
        return known == PolicyLocks.None ? null : known;
    }

    private static FallbackSpec? Normalize(FallbackSpec? fallback)
    {
        if (fallback is null || (fallback.MaxAttempts is null && fallback.On is null && fallback.AttemptTimeoutMs is null))
        {
            return null;
        }

        ImmutableArray<ErrorKind>? on = fallback.On is { } kinds
            ? kinds.Distinct().OrderBy(k => k.ToWire(), StringComparer.Ordinal).ToImmutableArray()
            : null;
        return fallback with { On = on };
    }

    /// <summary>Flattens nested same-operator terms, sorts operands by canonical bytes, drops duplicates.</summary>
    private static Predicate Junction(ImmutableArray<Predicate> operands, bool isAnd)
    {
        var flat = new List<Predicate>(operands.Length);
        foreach (var operand in operands)
        {
            switch (Normalize(operand))
            {
                // A normalized child is already flat, so one level of splicing is enough.
                case AndPredicate inner when isAnd:
                    flat.AddRange(inner.Operands);
                    break;
                case OrPredicate inner when !isAnd:
                    flat.AddRange(inner.Operands);
                    break;
                case var other:
                    flat.Add(other);
                    break;
            }
        }

        var keyed = flat.Select(p => (Bytes: ToBytes(p), Predicate: p)).ToList();
        keyed.Sort((a, b) => a.Bytes.AsSpan().SequenceCompareTo(b.Bytes));

        var distinct = ImmutableArray.CreateBuilder<Predicate>(keyed.Count);
        for (var i = 0; i < keyed.Count; i++)
        {
            if (i == 0 || !keyed[i].Bytes.AsSpan().SequenceEqual(keyed[i - 1].Bytes))
            {
                distinct.Add(keyed[i].Predicate);
            }
        }

        return distinct.Count switch
        {
            // The identities: an empty conjunction admits everything, an empty disjunction nothing.
            0 => new ConstPredicate(isAnd),
            1 => distinct[0],
            _ when isAnd => new AndPredicate(distinct.DrainToImmutable()),
            _ => new OrPredicate(distinct.DrainToImmutable()),
        };
    }

    private static ImmutableArray<PolicyValue> SortedDistinct(ImmutableArray<PolicyValue> values)
    {
        var sorted = values.Select(v => v.Kind == PolicyValueKind.Number ? PolicyValue.Of(PositiveZero(v.Number)) : v).ToList();
        sorted.Sort();
        var distinct = ImmutableArray.CreateBuilder<PolicyValue>(sorted.Count);
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i == 0 || sorted[i].CompareTo(sorted[i - 1]) != 0)
            {
                distinct.Add(sorted[i]);
            }
        }

        return distinct.DrainToImmutable();
    }

    internal static byte[] ToBytes(Predicate predicate)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, PolicyJsonWriter.Options))
        {
            PolicyJsonWriter.WritePredicate(writer, predicate);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static double PositiveZero(double value) => value == 0 ? 0d : value;
}
