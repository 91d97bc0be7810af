using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Junction.Core.Catalog;
using Junction.Core.Policy;
using Junction.Core.Policy.Ast;
using Junction.Core.Routing;
using Junction.Core.Tests.Golden;

namespace Junction.Core.Tests.Routing;

/// <summary>Random valid policies over the pinned test catalog, checked against the contract.</summary>
public sealed class RoutingPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(150);

    [Fact]
    public void Route_EveryRankedModel_PassesFitsAndEveryLayer()
    {
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var decision = Route(c.Layers, c.Request);
            var catalog = TestCatalog.Load();
            return decision.Ranked.All(candidate =>
            {
                catalog.TryGetIndex(candidate.Model.Id, out var i);
                var maxCost = c.Layers.Min(l => l.Document.MaxCost ?? double.PositiveInfinity);
                return ReferenceEvaluator.Fits(candidate.Model, c.Request) &&
                    ReferenceEvaluator.EstCost(candidate.Model, c.Request) <= maxCost &&
                    candidate.EstCost == ReferenceEvaluator.EstCost(candidate.Model, c.Request) &&
                    c.Layers.All(l => l.Document.Filter is null || ReferenceEvaluator.Holds(l.Document.Filter, candidate.Model, catalog.Stats[i], c.Request));
            });
        }).Check(Config);
    }

    [Fact]
    public void Route_EveryRejection_NamesAClauseTheModelFailsInTheFirstFailingLayer()
    {
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var decision = Route(c.Layers, c.Request);
            var catalog = TestCatalog.Load();
            Assert.Equal(catalog.Models.Length, decision.Ranked.Count + decision.Rejected.Count);
            foreach (var rejection in decision.Rejected)
            {
                catalog.TryGetIndex(rejection.Model, out var i);
                var model = catalog.Models[i];
                var stats = catalog.Stats[i];
                if (rejection.Rule == "[\"fits\"]")
                {
                    Assert.Equal("host", rejection.Layer);
                    Assert.False(ReferenceEvaluator.Fits(model, c.Request), rejection.ToString());
                    continue;
                }

                Assert.True(ReferenceEvaluator.Fits(model, c.Request), rejection.ToString());
                var layer = c.Layers.Single(l => l.Source == rejection.Layer);
                var earlier = c.Layers.TakeWhile(l => l != layer);
                Assert.All(earlier, l => Assert.True(l.Document.Filter is null || ReferenceEvaluator.Holds(l.Document.Filter, model, stats, c.Request), rejection.ToString()));

                var clause = ParseClause(rejection.Rule);
                Assert.False(ReferenceEvaluator.Holds(clause, model, stats, c.Request), rejection.ToString());
                if (clause is CmpPredicate { Field: "est_cost", Op: CmpOp.Le } && (layer.Document.Filter is null || ReferenceEvaluator.Holds(layer.Document.Filter, model, stats, c.Request)))
                {
                    // A max_cost rejection: the effective (smallest) limit, blamed on the most general layer setting it.
                    var smallest = c.Layers.Where(l => l.Document.MaxCost is not null).MinBy(l => l.Document.MaxCost)!;
                    Assert.Equal((smallest.Source, smallest.Document.MaxCost!.Value), (layer.Source, ((CmpPredicate)clause).Value));
                }
            }

            return true;
        }).Check(Config);
    }

    [Fact]
    public void Route_AddingAClauseToAnyLayer_NeverAddsASurvivor()
    {
        var cases = (from routeCase in Cases
                     from extra in PolicyGen.Predicate
                     from at in Gen.Choose(0, 2)
                     select (routeCase, extra, at)).ToArbitrary();

        Prop.ForAll(cases, c =>
        {
            var (routeCase, extra, at) = c;
            var layers = routeCase.Layers.ToArray();
            var target = layers[at % layers.Length];
            var narrowed = target.Document with
            {
                Filter = target.Document.Filter is { } f ? new AndPredicate([f, extra]) : extra,
            };
            layers[at % layers.Length] = target with { Document = narrowed };

            var before = Survivors(Route(routeCase.Layers, routeCase.Request));
            var after = Survivors(Route(layers, routeCase.Request));
            return after.IsSubsetOf(before);
        }).Check(Config);
    }

    [Fact]
    public void Route_RequestLayer_NeverWidensWhatTheTenantAdmits()
    {
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var tenantOnly = c.Layers.Where(l => l.Kind != LayerKind.Request).ToArray();
            var withRequest = Survivors(Route(c.Layers, c.Request));
            return withRequest.IsSubsetOf(Survivors(Route(tenantOnly, c.Request)));
        }).Check(Config);
    }

    [Fact]
    public void Route_SameInputs_SameOrderAcrossCompilersAndRouters()
    {
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var first = Route(c.Layers, c.Request);
            var second = Route(c.Layers, c.Request);
            return first.Ranked.Select(r => (r.Model.Id, r.Score)).SequenceEqual(second.Ranked.Select(r => (r.Model.Id, r.Score))) &&
                first.Rejected.SequenceEqual(second.Rejected);
        }).Check(Config);
    }

    [Fact]
    public void Route_Ranked_IsOrderedByScoreThenModelId()
    {
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var ranked = Route(c.Layers, c.Request).Ranked;
            for (var k = 1; k < ranked.Count; k++)
            {
                var (a, b) = (ranked[k - 1], ranked[k]);
                if (a.Score < b.Score || (a.Score == b.Score && string.CompareOrdinal(a.Model.Id, b.Model.Id) > 0))
                {
                    return false;
                }
            }

            return true;
        }).Check(Config);
    }

    private static readonly Gen<RouteCase> Cases =
        from tenant in PolicyGen.Document(withRank: false)
        from key in PolicyGen.Document(withRank: false)
        from request in PolicyGen.Document(withRank: true)
        from routeRequest in PolicyGen.Request
        select new RouteCase(
            [
                new PolicyLayer(LayerKind.Tenant, "tenant:t", tenant),
                new PolicyLayer(LayerKind.Key, "key:k", key),
                new PolicyLayer(LayerKind.Request, "request", request),
            ],
            routeRequest);

    private static RouteDecision Route(IReadOnlyList<PolicyLayer> layers, RouteRequest request) =>
        new Router(new Random(1)).Route(new PolicyCompiler().Compile(layers), TestCatalog.Load(), request);

    private static HashSet<string> Survivors(RouteDecision decision) => [.. decision.Ranked.Select(r => r.Model.Id)];

    private static Predicate ParseClause(string rule)
    {
        var parsed = PolicyParser.Parse(Encoding.UTF8.GetBytes("{\"filter\":" + rule + "}"));
        Assert.True(parsed.IsValid, rule);
        return parsed.Policy!.Filter!;
    }

    private sealed record RouteCase(IReadOnlyList<PolicyLayer> Layers, RouteRequest Request)
    {
        public override string ToString() =>
            string.Join(" | ", Layers.Select(l => $"{l.Source}: {Encoding.UTF8.GetString(PolicyCanonicalizer.ToCanonicalJson(l.Document))}")) +
            $" | request: {Request}";
    }

    /// <summary>Generators of valid policy terms whose values come from the test catalog, so filters bite.</summary>
    private static class PolicyGen
    {
        private static readonly string[] Providers = ["openai", "anthropic", "google", "groq", "deepseek", "mistral", "cohere"];
        private static readonly string[] Regions = ["eu", "us", "asia", "global"];
        private static readonly string[] Tiers = ["frontier", "standard", "small"];
        private static readonly string[] Retention = ["zero", "30d", "unspecified"];
        private static readonly string[] Capabilities = ["tools", "vision", "json_schema", "json_mode", "streaming", "reasoning"];
        private static readonly string[] Models = [.. TestCatalog.Load().Models.Select(m => m.Id)];

        private static readonly (string Field, double[] Thresholds)[] Numbers =
        [
            ("bench_intelligence", [0.3, 0.45, 0.5, 0.6, 0.66, 0.8]),
            ("price_in", [0.1, 0.3, 1, 2.5]),
            ("price_out", [0.4, 1.6, 6, 15]),
            ("context_window", [32000, 64000, 128000, 200000]),
            ("max_output", [8192, 32000]),
            ("availability", [0.98, 0.99, 0.995]),
            ("est_cost", [0.0005, 0.001, 0.005, 0.02]),
            ("est_latency_ms", [1000, 2000, 5000]),
            ("tokens_per_s", [60, 100, 200]),
        ];

        private static Gen<Predicate> Leaf =>
            Gen.OneOf(
                Gen.Elements<Predicate>(new ConstPredicate(true), new ConstPredicate(false)),
                Gen.Elements(Capabilities).Select(c => (Predicate)new HasPredicate(c)),
                Equality("provider", Providers),
                Equality("region", Regions),
                Equality("tier", Tiers),
                Equality("data_retention", Retention),
                Equality("model", Models),
                Equality("capabilities", Capabilities),
                Membership("provider", Providers),
                Membership("region", Regions),
                Membership("model", Models),
                Gen.Elements(true, false).Select(b => (Predicate)new EqPredicate("open_weights", PolicyValue.Of(b), false)),
                from n in Gen.Elements(Numbers)
                from threshold in Gen.Elements(n.Thresholds)
                from op in Gen.Elements(Enum.GetValues<CmpOp>())
                select (Predicate)new CmpPredicate(n.Field, op, threshold));

        private static Gen<Predicate> Equality(string field, string[] values) =>
            from value in Gen.Elements(values)
            from negated in Gen.Elements(true, false)
            select (Predicate)new EqPredicate(field, PolicyValue.Of(value), negated);

        private static Gen<Predicate> Membership(string field, string[] values) =>
            from list in Gen.SubListOf(values).Where(l => l.Count > 0)
            from negated in Gen.Elements(true, false)
            select (Predicate)new InPredicate(field, [.. list.Select(PolicyValue.Of)], negated);

        public static Gen<Predicate> Predicate => Sized(2);

        private static Gen<Predicate> Sized(int depth) => depth == 0
            ? Leaf
            : Gen.Frequency(
                (4, Leaf),
                (2, Operands(depth - 1).Select(l => (Predicate)new AndPredicate([.. l]))),
                (2, Operands(depth - 1).Select(l => (Predicate)new OrPredicate([.. l]))),
                (1, Sized(depth - 1).Select(p => (Predicate)new NotPredicate(p))));

        private static Gen<Predicate[]> Operands(int depth) => Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Sized(depth), n));

        public static Gen<PolicyDocument> Document(bool withRank) =>
            from filter in Gen.Frequency((1, Gen.Constant<Predicate?>(null)), (4, Predicate.Select(p => (Predicate?)p)))
            from maxCost in Gen.Elements<double?>(null, null, 0.001, 0.005, 0.05)
            from strategy in Gen.Elements(Strategies.Names.ToArray())
            select new PolicyDocument
            {
                Filter = filter,
                MaxCost = maxCost,
                Rank = withRank && Strategies.TryGet(strategy, out var scorer) ? scorer : null,
            };

        public static Gen<RouteRequest> Request =>
            from prompt in Gen.Elements(100, 2000, 30_000, 100_000, 300_000)
            from maxTokens in Gen.Elements<int?>(null, 256, 4000, 20_000)
            from needs in Gen.Elements(ModelCapabilities.None, ModelCapabilities.Tools, ModelCapabilities.Vision, ModelCapabilities.Tools | ModelCapabilities.JsonSchema)
            select new RouteRequest(prompt, maxTokens, needs);
    }
}
