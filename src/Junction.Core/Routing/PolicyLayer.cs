using Junction.Core.Policy.Ast;

namespace Junction.Core.Routing;

/// <summary>Which layer of the effective policy a document comes from, most general first.</summary>
public enum LayerKind
{
    Host,
    Tenant,
    Key,
    Request,
}

/// <summary>
/// One layer of the effective policy. <paramref name="Source"/> names it in traces and denials
/// (<c>host</c>, <c>tenant:acme</c>, <c>key:jk_ab12</c>, <c>request</c>).
/// </summary>
public sealed record PolicyLayer(LayerKind Kind, string Source, PolicyDocument Document);
