using Junction.Core.Policy;
using Junction.Core.Policy.Ast;
using Junction.Core.Routing;
using static Junction.Core.Tests.Routing.RoutingFixtures;

namespace Junction.Core.Tests.Routing;

public sealed class PolicyCompilerTests
{
    [Fact]
    public void Compile_SameLayersTwice_ReturnsCachedInstance()
    {
        var compiler = new PolicyCompiler();
        var tenant = Tenant(Filter(Eq("region", "eu")));

        var first = compiler.Compile([tenant, RequestLayer(new PolicyDocument { MaxCost = 0.01 })]);
        var second = compiler.Compile([tenant, RequestLayer(new PolicyDocument { MaxCost = 0.01 })]);

        Assert.Same(first, second);
        Assert.Equal(1, compiler.CachedCount);
    }

    [Fact]
    public void Compile_SameDocumentUnderOtherSource_IsADifferentPolicy()
    {
        var compiler = new PolicyCompiler();
        var document = Filter(Eq("region", "eu"));

        var acme = compiler.Compile([Tenant(document, "acme")]);
        var globex = compiler.Compile([Tenant(document, "globex")]);

        Assert.NotSame(acme, globex);
        Assert.Equal(acme.Fingerprint, globex.Fingerprint);
        Assert.Equal("tenant:globex", globex.Layers[0].Source);
    }

    [Fact]
    public void Compile_CacheFull_StartsOver()
    {
        var compiler = new PolicyCompiler();

        for (var i = 0; i <= PolicyCompiler.MaxCachedPolicies; i++)
        {
            compiler.Compile([RequestLayer(new PolicyDocument { MaxCost = i + 1 })]);
        }

        Assert.Equal(1, compiler.CachedCount);
    }

    [Fact]
    public void Compile_EquivalentSpellings_ShareFingerprintAndDecision()
    {
        var compiler = new PolicyCompiler();
        var a = compiler.Compile([Tenant(Filter(And(Eq("region", "eu"), In("provider", "openai", "google", "mistral"))))]);
        var b = compiler.Compile([Tenant(Filter(And(In("provider", "mistral", "openai", "google", "google"), Eq("region", "eu"))))]);

        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.Equal(a.CanonicalJson, b.CanonicalJson);
        var router = new Router();
        var catalog = Five();
        Assert.Equal(router.Route(a, catalog, Request()).Rejected, router.Route(b, catalog, Request()).Rejected);
    }

    [Fact]
    public void Compile_Effective_IsConjunctionWithDefaultsAndLayerFingerprints()
    {
        var tenant = Filter(Eq("region", "eu"));
        var request = new PolicyDocument { Filter = Has("tools"), MaxCost = 0.01 };

        var compiled = new PolicyCompiler().Compile([Tenant(tenant), RequestLayer(request)]);

        var expected = PolicyCanonicalizer.WithDefaults(new PolicyDocument { Filter = And(Eq("region", "eu"), Has("tools")), MaxCost = 0.01 });
        Assert.Equal(PolicyCanonicalizer.Fingerprint(expected), compiled.Fingerprint);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(PolicyCanonicalizer.ToCanonicalJson(expected)), compiled.CanonicalJson);
        Assert.Equal(
            [new LayerFingerprint("tenant:acme", PolicyCanonicalizer.Fingerprint(tenant)), new LayerFingerprint("request", PolicyCanonicalizer.Fingerprint(request))],
            compiled.Layers);
        Assert.StartsWith("pol_", compiled.Fingerprint);
        Assert.Equal(16, compiled.Fingerprint.Length);
    }

    [Fact]
    public void Compile_UnknownField_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PolicyCompiler().Compile([Tenant(Filter(Eq("regoin", "eu")))]));
    }

    [Fact]
    public void Compile_StringFieldAsScorer_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PolicyCompiler().Compile([Tenant(new PolicyDocument { Rank = Field("provider") })]));
    }
}
