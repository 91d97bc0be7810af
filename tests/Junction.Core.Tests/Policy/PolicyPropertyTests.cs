using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Junction.Core.Policy;
using Junction.Core.Policy.Ast;

namespace Junction.Core.Tests.Policy;

public sealed class PolicyPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void Fingerprint_ShuffledOperandsAndLists_NeverChanges()
    {
        var cases = Gen.Zip(PredicateGen.Any, Gen.Choose(0, int.MaxValue)).ToArbitrary();

        Prop.ForAll(cases, c =>
        {
            var (predicate, seed) = c;
            var original = PolicyDocument.Empty with { Filter = predicate };
            var shuffled = PolicyDocument.Empty with { Filter = Shuffle(predicate, new Random(seed)) };

            return PolicyCanonicalizer.Fingerprint(original) == PolicyCanonicalizer.Fingerprint(shuffled);
        }).Check(Config);
    }

    [Fact]
    public void Parse_ShuffledPolicyText_GivesSameFingerprint()
    {
        var cases = Gen.Zip(PredicateGen.Any, Gen.Choose(0, int.MaxValue)).ToArbitrary();

        Prop.ForAll(cases, c =>
        {
            var (predicate, seed) = c;
            var original = PolicyDocument.Empty with { Filter = predicate };
            var text = Write(Shuffle(predicate, new Random(seed)));

            var parsed = PolicyParser.Parse(text);

            return parsed.IsValid && PolicyCanonicalizer.Fingerprint(parsed.Policy!) == PolicyCanonicalizer.Fingerprint(original);
        }).Check(Config);
    }

    [Fact]
    public void ToCanonicalJson_ParsedBack_IsAFixedPoint()
    {
        Prop.ForAll(PredicateGen.Any.ToArbitrary(), predicate =>
        {
            var canonical = PolicyCanonicalizer.ToCanonicalJson(PolicyDocument.Empty with { Filter = predicate });

            var parsed = PolicyParser.Parse(canonical);

            return parsed.IsValid && PolicyCanonicalizer.ToCanonicalJson(parsed.Policy!).AsSpan().SequenceEqual(canonical);
        }).Check(Config);
    }

    [Fact]
    public void Normalize_AppliedTwice_EqualsOnce()
    {
        Prop.ForAll(PredicateGen.Any.ToArbitrary(), predicate =>
        {
            var once = PolicyCanonicalizer.Normalize(PolicyDocument.Empty with { Filter = predicate });

            return PolicyCanonicalizer.Normalize(once) == once;
        }).Check(Config);
    }

    /// <summary>Reorders every and/or and in/nin list, and repeats some operands, without changing meaning.</summary>
    private static Predicate Shuffle(Predicate predicate, Random random) => predicate switch
    {
        AndPredicate and => new AndPredicate(Reorder(and.Operands.Select(p => Shuffle(p, random)), random)),
        OrPredicate or => new OrPredicate(Reorder(or.Operands.Select(p => Shuffle(p, random)), random)),
        NotPredicate not => new NotPredicate(Shuffle(not.Operand, random)),
        InPredicate @in => @in with { Values = Reorder(@in.Values, random) },
        _ => predicate,
    };

    private static ImmutableArray<T> Reorder<T>(IEnumerable<T> items, Random random)
    {
        var list = items.ToList();
        if (list.Count > 0 && random.Next(3) == 0)
        {
            list.Add(list[random.Next(list.Count)]);
        }

        var array = list.ToArray();
        random.Shuffle(array);
        return [.. array];
    }

    private static byte[] Write(Predicate filter)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("filter");
            PolicyJsonWriter.WritePredicate(writer, filter);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Random valid predicates over a small vocabulary, so duplicates and near-duplicates are common.</summary>
    private static class PredicateGen
    {
        private static readonly string[] StringFields = ["provider", "region", "tier", "model"];
        private static readonly string[] NumberFields = ["price_in", "bench_intelligence", "latency_p50_ms"];
        private static readonly string[] Strings = ["openai", "anthropic", "eu", "us", "small", "Z", "é"];
        private static readonly double[] Numbers = [0, 0.5, 1, 1e-3, 250, -3.25, 1e21];
        private static readonly string[] Capabilities = ["tools", "vision", "json_schema", "streaming"];

        public static readonly Gen<Predicate> Any = Gen.Sized(Sized);

        private static Gen<Predicate> Sized(int size)
        {
            var leaf = Gen.OneOf(
                Gen.Elements(true, false).Select(b => (Predicate)new ConstPredicate(b)),
                Gen.Elements(Capabilities).Select(c => (Predicate)new HasPredicate(c)),
                from field in Gen.Elements(StringFields)
                from value in Gen.Elements(Strings)
                from negated in Gen.Elements(true, false)
                select (Predicate)new EqPredicate(field, PolicyValue.Of(value), negated),
                from field in Gen.Elements(StringFields)
                from values in Gen.ListOf(Gen.Elements(Strings))
                from negated in Gen.Elements(true, false)
                select (Predicate)new InPredicate(field, [.. values.Select(PolicyValue.Of)], negated),
                from field in Gen.Elements(NumberFields)
                from values in Gen.ListOf(Gen.Elements(Numbers))
                select (Predicate)new InPredicate(field, [.. values.Select(PolicyValue.Of)], false),
                from field in Gen.Elements(NumberFields)
                from op in Gen.Elements(Enum.GetValues<CmpOp>())
                from value in Gen.Elements(Numbers)
                select (Predicate)new CmpPredicate(field, op, value),
                Gen.Elements(true, false).Select(b => (Predicate)new EqPredicate("open_weights", PolicyValue.Of(b), false)));
            if (size <= 1)
            {
                return leaf;
            }

            var child = Gen.Sized(_ => Sized(size / 3));
            var operands = Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(child, n));
            return Gen.Frequency(
                (3, leaf),
                (2, operands.Select(o => (Predicate)new AndPredicate([.. o]))),
                (2, operands.Select(o => (Predicate)new OrPredicate([.. o]))),
                (1, child.Select(p => (Predicate)new NotPredicate(p))));
        }
    }
}
