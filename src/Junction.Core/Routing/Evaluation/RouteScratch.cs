using Junction.Core.Catalog;
using Junction.Core.Policy;

namespace Junction.Core.Routing.Evaluation;

/// <summary>
/// Reusable working memory of one routing decision: per-model estimates, survivors, rejections as
/// (model, layer, clause) triples, score rows and the cascade order. One per thread; it grows to the
/// largest catalog seen and is never shrunk, so a steady-state decision allocates nothing.
/// </summary>
internal sealed class RouteScratch
{
    /// <summary>Layer index of the built-in host floor (fits, circuit) in <see cref="RejectionLayer"/>.</summary>
    public const int HostFloorLayer = -1;

    /// <summary>Clause indices below zero name the built-in checks.</summary>
    public const int FitsClause = -1;
    public const int CircuitClause = -2;
    public const int MaxCostClause = -3;

    private double[] _rows = [];
    private int _rowCapacity;

    public CatalogSnapshot Catalog { get; private set; } = null!;

    public double[] EstCost { get; private set; } = [];

    public double[] EstLatencyMs { get; private set; } = [];

    /// <summary>Per model: the index of its rejection, or -1 for a survivor.</summary>
    public int[] RejectionOf { get; private set; } = [];

    /// <summary>Per model: its score, valid for survivors.</summary>
    public double[] Scores { get; private set; } = [];

    /// <summary>Survivor model indices in catalog order.</summary>
    public int[] Survivors { get; private set; } = [];

    public int SurvivorCount { get; set; }

    /// <summary>Cascade order (model indices), the chosen model first.</summary>
    public int[] Order { get; private set; } = [];

    public double[] SortKeys { get; private set; } = [];

    public int[] RejectionModel { get; private set; } = [];

    public int[] RejectionLayer { get; private set; } = [];

    public int[] RejectionClause { get; private set; } = [];

    public int RejectionCount { get; private set; }

    /// <summary>Prepares for a decision on <paramref name="catalog"/>; grows the arrays only when it must.</summary>
    public void Reset(CatalogSnapshot catalog, int scoreRows)
    {
        Catalog = catalog;
        var n = catalog.Models.Length;
        if (EstCost.Length < n)
        {
            var capacity = Math.Max(n, 16);
            EstCost = new double[capacity];
            EstLatencyMs = new double[capacity];
            RejectionOf = new int[capacity];
            Scores = new double[capacity];
            Survivors = new int[capacity];
            Order = new int[capacity];
            SortKeys = new double[capacity];
            RejectionModel = new int[capacity];
            RejectionLayer = new int[capacity];
            RejectionClause = new int[capacity];
        }

        var rowCapacity = EstCost.Length;
        if (_rows.Length < scoreRows * rowCapacity || _rowCapacity != rowCapacity)
        {
            _rows = new double[Math.Max(scoreRows, 2) * rowCapacity];
            _rowCapacity = rowCapacity;
        }

        SurvivorCount = 0;
        RejectionCount = 0;
    }

    public void Reject(int model, int layer, int clause)
    {
        var r = RejectionCount++;
        RejectionModel[r] = model;
        RejectionLayer[r] = layer;
        RejectionClause[r] = clause;
        RejectionOf[model] = r;
    }

    public void Survive(int model)
    {
        RejectionOf[model] = -1;
        Survivors[SurvivorCount++] = model;
    }

    /// <summary>Scratch row <paramref name="row"/> for scorer evaluation.</summary>
    public Span<double> ScoreRow(int row, int count) => _rows.AsSpan(row * _rowCapacity, count);

    /// <summary>A numeric field of a model in the current request (the per-request fields included).</summary>
    public double Number(FieldId field, int model) =>
        ModelFields.Number(field, Catalog.Models[model], Catalog.Stats[model], EstCost[model], EstLatencyMs[model]);
}
