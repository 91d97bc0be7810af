using Junction.Core.Catalog;

namespace Junction.Core.Routing.Evaluation;

/// <summary>
/// A compiled policy's view of one catalog snapshot: the results of its static clauses as bitsets
/// (one row of <see cref="Words"/> words per clause) and its selection's model ids resolved to indices.
/// </summary>
internal sealed class CatalogBinding
{
    public CatalogBinding(FilterProgram filter, SelectionPlan selection, CatalogSnapshot catalog)
    {
        Catalog = catalog;
        Columns = CatalogColumns.For(catalog);
        StaticBits = filter.BindStatic(catalog, out var words);
        Words = words;
        LayerVerdicts = filter.BindLayerVerdicts(catalog);
        PinIndex = selection.Pinned is { } pinned && catalog.TryGetIndex(pinned, out var p) ? p : -1;
        ArmIndices = new int[selection.Arms.Length];
        for (var a = 0; a < ArmIndices.Length; a++)
        {
            ArmIndices[a] = catalog.TryGetIndex(selection.Arms[a].Model, out var i) ? i : -1;
        }
    }

    public CatalogSnapshot Catalog { get; }

    public CatalogColumns Columns { get; }

    public ulong[] StaticBits { get; }

    public int Words { get; }

    /// <summary>Per layer with an all-static filter: per model, the rejecting clause or -1 (see <see cref="FilterProgram.BindLayerVerdicts"/>).</summary>
    public int[]?[] LayerVerdicts { get; }

    /// <summary>The pinned model's index, or -1 when it is not in the catalog.</summary>
    public int PinIndex { get; }

    /// <summary>Each split arm's model index (aligned with <see cref="SelectionPlan.Arms"/>), or -1.</summary>
    public int[] ArmIndices { get; }
}
