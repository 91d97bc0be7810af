using System.Collections.Immutable;
using Junction.Core.Policy.Ast;
using Junction.Core.Routing;

namespace Junction.Server.Routing;

/// <summary>
/// The host floor beneath every tenant: the operator's <c>Junction:HostPolicy</c>, and, when some providers have no
/// credentials and no simulator stands in for them, a <c>host:credentials</c> layer whose filter excludes those
/// providers, so the trace shows exactly why their models were not routable.
/// </summary>
internal static class HostLayers
{
    public const string HostSource = "host";
    public const string CredentialsSource = "host:credentials";

    public static ImmutableArray<PolicyLayer> Build(PolicyDocument? hostPolicy, IReadOnlyList<string> providersWithoutCredentials)
    {
        var layers = ImmutableArray.CreateBuilder<PolicyLayer>(2);
        layers.Add(new PolicyLayer(LayerKind.Host, HostSource, hostPolicy ?? PolicyDocument.Empty));
        if (providersWithoutCredentials.Count > 0)
        {
            var values = ImmutableArray.CreateBuilder<PolicyValue>(providersWithoutCredentials.Count);
            foreach (var provider in providersWithoutCredentials)
            {
                values.Add(PolicyValue.Of(provider));
            }

            var filter = new InPredicate("provider", values.ToImmutable(), Negated: true);
            layers.Add(new PolicyLayer(LayerKind.Host, CredentialsSource, new PolicyDocument { Filter = filter }));
        }

        return layers.ToImmutable();
    }
}
