using Junction.Core.Catalog;

namespace Junction.Core.Routing;

/// <summary>Evaluates filter, rank and select of a compiled policy over a catalog snapshot. Pure; no I/O.</summary>
public sealed class Router
{
    public RouteDecision Route(CompiledPolicy policy, CatalogSnapshot catalog, in RouteRequest request) =>
        throw new NotImplementedException();
}
