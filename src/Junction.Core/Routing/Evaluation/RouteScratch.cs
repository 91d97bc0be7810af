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

    public CatalogColumns Columns { get; private set; } = null!;

    public CatalogBinding Binding { get; private set; } = null!;

    /// <summary>One bit per model: it survived the filter.</summary>
    public ulong[] SurvivorBits { get; private set; } = [];

    /// <summary>One bit per model: it fits the request (context, max_output, needs).</summary>
    public ulong[] FitsBits { get; private set; } = [];

    /// <summary>One bit per model: its <c>est_cost</c> is within <c>max_cost</c>.</summary>
    public ulong[] CostBits { get; private set; } = [];

    /// <summary>
    /// False while the rejections are only implied by the bitsets (the all-static filter defers them until a
    /// trace or a denial needs them); see <c>Router.ResolveRejections</c>.
    /// </summary>
    public bool RejectionsResolved { get; set; }

    public double[] EstCost { get; private set; } = [];

    public double[] EstLatencyMs { get; private set; } = [];

    /// <summary>Per model: the index of its rejection, or -1 for a survivor.</summary>
    public int[] RejectionOf { get; private set; } = [];

    /// <summary>Per model: its score, valid for survivors once <c>Router.Route</c> has recorded them.</summary>
    public double[] Scores { get; private set; } = [];

    /// <summary>Survivor model indices in catalog order.</summary>
    public int[] Survivors { get; private set; } = [];

    public int SurvivorCount { get; set; }

    /// <summary>Cascade order (model indices), the chosen model first.</summary>
    public int[] Order { get; private set; } = [];

    public double[] SortKeys { get; private set; } = [];

    /// <summary>Keys of the ordered cascade prefix when only part of it is ordered.</summary>
    public double[] TopKeys { get; private set; } = [];

    public int[] RejectionModel { get; private set; } = [];

    public int[] RejectionLayer { get; private set; } = [];

    public int[] RejectionClause { get; private set; } = [];

    public int RejectionCount { get; private set; }

    /// <summary>Prepares for a decision on the binding's catalog; grows the arrays only when it must.</summary>
    public void Reset(CatalogBinding binding, int scoreRows)
    {
        var catalog = binding.Catalog;
        Catalog = catalog;
        Columns = binding.Columns;
        Binding = binding;
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
            TopKeys = new double[capacity];
            RejectionModel = new int[capacity];
            RejectionLayer = new int[capacity];
            RejectionClause = new int[capacity];
            var wordCapacity = (capacity + 63) >> 6;
            SurvivorBits = new ulong[wordCapacity];
            FitsBits = new ulong[wordCapacity];
            CostBits = new ulong[wordCapacity];
        }

        // Only the words of this catalog; everything else is written before it is read.
        var words = (n + 63) >> 6;
        SurvivorBits.AsSpan(0, words).Clear();
        FitsBits.AsSpan(0, words).Clear();
        CostBits.AsSpan(0, words).Clear();

        var rowCapacity = EstCost.Length;
        if (_rows.Length < scoreRows * rowCapacity || _rowCapacity != rowCapacity)
        {
            _rows = new double[Math.Max(scoreRows, 2) * rowCapacity];
            _rowCapacity = rowCapacity;
        }

        SurvivorCount = 0;
        RejectionCount = 0;
        RejectionsResolved = true;
    }

    public bool IsSurvivor(int model) => (SurvivorBits[model >> 6] & (1UL << model)) != 0;

    public bool Fits(int model) => (FitsBits[model >> 6] & (1UL << model)) != 0;

    public bool WithinMaxCost(int model) => (CostBits[model >> 6] & (1UL << model)) != 0;

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
        SurvivorBits[model >> 6] |= 1UL << model;
        Survivors[SurvivorCount++] = model;
    }

    /// <summary>Scratch row <paramref name="row"/> for scorer evaluation.</summary>
    public Span<double> ScoreRow(int row, int count) => _rows.AsSpan(row * _rowCapacity, count);

    /// <summary>Writes a numeric field (the per-request fields included) of each given model into <paramref name="dest"/>.</summary>
    public void FillNumbers(FieldId field, ReadOnlySpan<int> models, Span<double> dest)
    {
        // One loop per field keeps the field switch out of the per-model work.
        switch (field)
        {
            case FieldId.EstCost:
                Gather(EstCost, models, dest);
                return;
            case FieldId.EstLatencyMs:
                Gather(EstLatencyMs, models, dest);
                return;
        }

        Gather(Columns.Numbers[(int)field] ?? throw new InvalidOperationException($"{field} is not numeric"), models, dest);
    }

    private static void Gather(double[] values, ReadOnlySpan<int> models, Span<double> dest)
    {
        for (var k = 0; k < models.Length; k++)
        {
            dest[k] = values[models[k]];
        }
    }
}
