using Junction.Core.Catalog;

namespace Junction.Core.Routing.Evaluation;

/// <summary>
/// A compiled policy's view of one catalog snapshot: the results of its static clauses as bitsets
/// (one row of <see cref="Words"/> words per clause) and its selection's model ids resolved to indices.
/// When every layer's filter is static, the whole per-snapshot part of the filter is folded into
/// <see cref="PassBits"/>, so a request only adds its own checks (fits, max_cost) a word of 64 models at a time.
/// </summary>
internal sealed class CatalogBinding
{
    private Rejection[]? _staticRejectionList;

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

        AllStatic = true;
        for (var layer = 0; layer < filter.Roots.Length; layer++)
        {
            AllStatic &= filter.Roots[layer] < 0 || LayerVerdicts[layer] is not null;
        }

        var n = catalog.Models.Length;
        StaticRejections = new Rejection?[n];
        StaticRejectionLayer = new int[n];
        StaticRejectionClause = new int[n];
        PassBits = new ulong[words];
        for (var i = 0; i < n; i++)
        {
            StaticRejectionLayer[i] = -1;
            StaticRejectionClause[i] = -1;
            for (var layer = 0; layer < LayerVerdicts.Length; layer++)
            {
                if (LayerVerdicts[layer] is { } verdict && verdict[i] >= 0)
                {
                    StaticRejectionLayer[i] = layer;
                    StaticRejectionClause[i] = verdict[i];
                    break;
                }
            }

            if (StaticRejectionLayer[i] < 0 && Columns.Circuit[i] != CircuitState.Open)
            {
                PassBits[i >> 6] |= 1UL << i;
            }
        }
    }

    public CatalogSnapshot Catalog { get; }

    public CatalogColumns Columns { get; }

    public ulong[] StaticBits { get; }

    public int Words { get; }

    /// <summary>Per layer with an all-static filter: per model, the rejecting clause or -1 (see <see cref="FilterProgram.BindLayerVerdicts"/>).</summary>
    public int[]?[] LayerVerdicts { get; }

    /// <summary>True when no layer's filter reads a live or per-request field.</summary>
    public bool AllStatic { get; }

    /// <summary>Per model: the first layer whose static filter rejects it, or -1.</summary>
    public int[] StaticRejectionLayer { get; }

    /// <summary>Per model: the clause of <see cref="StaticRejectionLayer"/> that rejects it, or -1.</summary>
    public int[] StaticRejectionClause { get; }

    /// <summary>
    /// Per model: the record of its static rejection (<see cref="StaticRejectionLayer"/>, <see cref="StaticRejectionClause"/>),
    /// made by the first decision that needs it. Everything in it is fixed by this policy and this snapshot, so every
    /// later decision on them shares it instead of making its own (a 42-model catalog under a provider filter rejects
    /// 35 models per request, and the request log keeps the records until they are written).
    /// </summary>
    public Rejection?[] StaticRejections { get; }

    /// <summary>
    /// The whole rejection list of a decision that rejects exactly the statically rejected models for their static
    /// reasons (the usual case: nothing fails <c>fits</c>, no circuit is open, <c>max_cost</c> bites nowhere), made
    /// once; such decisions share this array.
    /// </summary>
    public Rejection[]? StaticRejectionList
    {
        get => Volatile.Read(ref _staticRejectionList);
        set => Volatile.Write(ref _staticRejectionList, value);
    }

    /// <summary>One bit per model: its circuit is not open and no static layer filter rejects it.</summary>
    public ulong[] PassBits { get; }

    /// <summary>The pinned model's index, or -1 when it is not in the catalog.</summary>
    public int PinIndex { get; }

    /// <summary>Each split arm's model index (aligned with <see cref="SelectionPlan.Arms"/>), or -1.</summary>
    public int[] ArmIndices { get; }
}
