using Junction.Core.Catalog;
using Junction.Core.Policy;
using Junction.Core.Policy.Ast;

namespace Junction.Core.Routing.Evaluation;

/// <summary>
/// The filters of every layer compiled into one flat clause array. Clauses over static catalog fields are
/// evaluated once per snapshot (<see cref="BindStatic"/>) into bitsets; per request only live and per-request
/// clauses are computed, with no lookups and no allocation.
/// </summary>
internal sealed class FilterProgram
{
    private readonly ClauseNode[] _nodes;
    private readonly int[] _children;
    private readonly Predicate[] _sources;
    private readonly FieldId?[] _actualFields;
    private readonly string?[] _rules;

    private FilterProgram(ClauseNode[] nodes, int[] children, Predicate[] sources, FieldId?[] actualFields, int[] roots, int staticSlots)
    {
        _nodes = nodes;
        _children = children;
        _sources = sources;
        _actualFields = actualFields;
        _rules = new string?[nodes.Length];
        Roots = roots;
        RootStaticSlots = new int[roots.Length];
        for (var i = 0; i < roots.Length; i++)
        {
            RootStaticSlots[i] = roots[i] >= 0 ? nodes[roots[i]].StaticSlot : -1;
        }

        StaticSlotCount = staticSlots;
    }

    /// <summary>The root clause of each layer's filter, or -1 when the layer has none.</summary>
    public int[] Roots { get; }

    /// <summary>Per layer, the static slot of its whole filter (a single bit test per model), or -1.</summary>
    public int[] RootStaticSlots { get; }

    public int StaticSlotCount { get; }

    /// <summary>Compiles the layers' filters (canonical ASTs); a null filter admits everything.</summary>
    public static FilterProgram Compile(IReadOnlyList<Predicate?> filters)
    {
        var builder = new Builder();
        var roots = new int[filters.Count];
        for (var i = 0; i < filters.Count; i++)
        {
            roots[i] = filters[i] is { } filter ? builder.Add(filter) : -1;
        }

        return builder.Build(roots);
    }

    /// <summary>Whether the model passes the clause. Static clauses read the snapshot's bitset.</summary>
    public bool Evaluate(int node, in ModelContext model, ulong[] staticBits, int words)
    {
        ref readonly var n = ref _nodes[node];
        if (n.StaticSlot >= 0)
        {
            return (staticBits[(n.StaticSlot * words) + (model.Index >> 6)] & (1UL << model.Index)) != 0;
        }

        switch (n.Kind)
        {
            case ClauseKind.And:
                for (var c = n.FirstChild; c < n.FirstChild + n.ChildCount; c++)
                {
                    if (!Evaluate(_children[c], model, staticBits, words))
                    {
                        return false;
                    }
                }

                return true;
            case ClauseKind.Or:
                for (var c = n.FirstChild; c < n.FirstChild + n.ChildCount; c++)
                {
                    if (Evaluate(_children[c], model, staticBits, words))
                    {
                        return true;
                    }
                }

                return false;
            case ClauseKind.Not:
                return !Evaluate(_children[n.FirstChild], model, staticBits, words);
            default:
                return n.DynamicLeafMatches(model);
        }
    }

    /// <summary>
    /// The clause to blame for a model that fails <paramref name="node"/>: descend into <c>and</c> to its
    /// first failing operand (canonical order); an <c>or</c>, a <c>not</c> or a leaf is blamed as a whole.
    /// </summary>
    public int FirstFailing(int node, in ModelContext model, ulong[] staticBits, int words)
    {
        while (true)
        {
            ref readonly var n = ref _nodes[node];
            if (n.Kind != ClauseKind.And)
            {
                return node;
            }

            var next = -1;
            for (var c = n.FirstChild; c < n.FirstChild + n.ChildCount; c++)
            {
                if (!Evaluate(_children[c], model, staticBits, words))
                {
                    next = _children[c];
                    break;
                }
            }

            if (next < 0)
            {
                return node;
            }

            node = next;
        }
    }

    /// <summary>Evaluates every static clause on every model of the snapshot.</summary>
    public ulong[] BindStatic(CatalogSnapshot catalog, out int words)
    {
        words = (catalog.Models.Length + 63) >> 6;
        var bits = new ulong[StaticSlotCount * words];
        for (var node = 0; node < _nodes.Length; node++)
        {
            var slot = _nodes[node].StaticSlot;
            if (slot < 0)
            {
                continue;
            }

            for (var i = 0; i < catalog.Models.Length; i++)
            {
                var model = new ModelFacts(catalog.Models[i], catalog.Stats[i], 0, 0);
                if (EvaluateUnbound(node, model))
                {
                    bits[(slot * words) + (i >> 6)] |= 1UL << i;
                }
            }
        }

        return bits;
    }

    /// <summary>
    /// For each layer whose whole filter is static: per model, the clause that rejects it (see
    /// <see cref="FirstFailing"/>) or -1 when it passes. Null for layers evaluated per request.
    /// </summary>
    public int[]?[] BindLayerVerdicts(CatalogSnapshot catalog)
    {
        var verdicts = new int[]?[Roots.Length];
        for (var layer = 0; layer < Roots.Length; layer++)
        {
            if (RootStaticSlots[layer] < 0)
            {
                continue;
            }

            var root = Roots[layer];
            var perModel = new int[catalog.Models.Length];
            for (var i = 0; i < perModel.Length; i++)
            {
                var model = new ModelFacts(catalog.Models[i], catalog.Stats[i], 0, 0);
                perModel[i] = EvaluateUnbound(root, model) ? -1 : FirstFailingUnbound(root, model);
            }

            verdicts[layer] = perModel;
        }

        return verdicts;
    }

    private int FirstFailingUnbound(int node, in ModelFacts model)
    {
        while (_nodes[node].Kind == ClauseKind.And)
        {
            ref readonly var n = ref _nodes[node];
            var next = -1;
            for (var c = n.FirstChild; c < n.FirstChild + n.ChildCount; c++)
            {
                if (!EvaluateUnbound(_children[c], model))
                {
                    next = _children[c];
                    break;
                }
            }

            if (next < 0)
            {
                break;
            }

            node = next;
        }

        return node;
    }

    /// <summary>Evaluates without the static bitsets: for binding and for checks outside the hot path.</summary>
    public bool EvaluateUnbound(int node, in ModelFacts model)
    {
        ref readonly var n = ref _nodes[node];
        switch (n.Kind)
        {
            case ClauseKind.And:
                for (var c = n.FirstChild; c < n.FirstChild + n.ChildCount; c++)
                {
                    if (!EvaluateUnbound(_children[c], model))
                    {
                        return false;
                    }
                }

                return true;
            case ClauseKind.Or:
                for (var c = n.FirstChild; c < n.FirstChild + n.ChildCount; c++)
                {
                    if (EvaluateUnbound(_children[c], model))
                    {
                        return true;
                    }
                }

                return false;
            case ClauseKind.Not:
                return !EvaluateUnbound(_children[n.FirstChild], model);
            default:
                return n.LeafMatches(model.Entry, model.Stats, model.EstCost, model.EstLatencyMs);
        }
    }

    /// <summary>The clause as written in the canonical policy.</summary>
    public Predicate Source(int node) => _sources[node];

    /// <summary>The canonical JSON of a clause, computed once per compiled policy.</summary>
    public string Rule(int node)
    {
        var rule = Volatile.Read(ref _rules[node]);
        if (rule is null)
        {
            rule = PolicyCanonicalizer.ClauseJson(_sources[node]);
            Volatile.Write(ref _rules[node], rule);
        }

        return rule;
    }

    /// <summary>The field whose value a rejection by this clause reports, or null (constants, mixed fields).</summary>
    public FieldId? ActualField(int node) => _actualFields[node];

    private sealed class Builder
    {
        private readonly List<ClauseNode> _nodes = [];
        private readonly List<int> _children = [];
        private readonly List<Predicate> _sources = [];
        private readonly List<FieldId?> _actualFields = [];
        private readonly List<bool> _isStatic = [];

        public int Add(Predicate predicate)
        {
            switch (predicate)
            {
                case ConstPredicate c:
                    return Leaf(predicate, new ClauseNode { Kind = ClauseKind.Const, Negated = !c.Value }, null, isStatic: true);
                case HasPredicate h:
                    if (!CapabilityNames.TryParse(h.Capability, out var flag))
                    {
                        throw new ArgumentException($"unknown capability '{h.Capability}'", nameof(predicate));
                    }

                    return Leaf(predicate, new ClauseNode { Kind = ClauseKind.Has, Field = FieldId.Capabilities, Capability = flag }, FieldId.Capabilities, isStatic: true);
                case CmpPredicate c:
                    {
                        var field = Resolve(c.Field);
                        return Leaf(predicate, new ClauseNode { Kind = ClauseKind.Cmp, Field = field.Id, FieldType = field.Type, Op = c.Op, Number = c.Value }, field.Id, field.Source == FieldSource.Static);
                    }

                case EqPredicate e:
                    {
                        var field = Resolve(e.Field);
                        return Leaf(predicate, new ClauseNode { Kind = ClauseKind.Eq, Field = field.Id, FieldType = field.Type, Value = e.Value, Negated = e.Negated }, field.Id, field.Source == FieldSource.Static);
                    }

                case InPredicate i:
                    {
                        var field = Resolve(i.Field);
                        return Leaf(predicate, new ClauseNode { Kind = ClauseKind.In, Field = field.Id, FieldType = field.Type, Values = [.. i.Values], Negated = i.Negated }, field.Id, field.Source == FieldSource.Static);
                    }

                case AndPredicate a:
                    return Composite(predicate, ClauseKind.And, a.Operands.AsSpan());
                case OrPredicate o:
                    return Composite(predicate, ClauseKind.Or, o.Operands.AsSpan());
                case NotPredicate n:
                    return Composite(predicate, ClauseKind.Not, [n.Operand]);
                default:
                    throw new ArgumentException($"unsupported predicate {predicate.GetType().Name}", nameof(predicate));
            }
        }

        public FilterProgram Build(int[] roots)
        {
            var nodes = _nodes.ToArray();
            var slots = 0;
            for (var i = 0; i < nodes.Length; i++)
            {
                nodes[i] = nodes[i] with { StaticSlot = _isStatic[i] ? slots++ : -1 };
            }

            return new FilterProgram(nodes, [.. _children], [.. _sources], [.. _actualFields], roots, slots);
        }

        private int Leaf(Predicate source, ClauseNode node, FieldId? actualField, bool isStatic)
        {
            _nodes.Add(node);
            _sources.Add(source);
            _actualFields.Add(actualField);
            _isStatic.Add(isStatic);
            return _nodes.Count - 1;
        }

        private int Composite(Predicate source, ClauseKind kind, ReadOnlySpan<Predicate> operands)
        {
            // Operands are compiled first and their indices collected, so each node's children are contiguous.
            var indices = new int[operands.Length];
            for (var i = 0; i < operands.Length; i++)
            {
                indices[i] = Add(operands[i]);
            }

            var first = _children.Count;
            var isStatic = true;
            FieldId? actual = null;
            var mixed = false;
            foreach (var index in indices)
            {
                _children.Add(index);
                isStatic &= _isStatic[index];
                var childField = _actualFields[index];
                if (childField is null || (actual is not null && actual != childField))
                {
                    mixed = true;
                }

                actual ??= childField;
            }

            return Leaf(source, new ClauseNode { Kind = kind, FirstChild = first, ChildCount = indices.Length }, mixed ? null : actual, isStatic);
        }

        private static FieldDescriptor Resolve(string name) =>
            PolicyFields.TryGet(name, out var field) ? field : throw new ArgumentException($"unknown field '{name}'", nameof(name));
    }
}

/// <summary>One model as a live or per-request clause sees it during one request: its row in the columns.</summary>
internal readonly struct ModelContext(int index, CatalogColumns columns, double estCost, double estLatencyMs)
{
    public int Index { get; } = index;

    public CatalogColumns Columns { get; } = columns;

    public double EstCost { get; } = estCost;

    public double EstLatencyMs { get; } = estLatencyMs;

    /// <summary>A numeric live or per-request field (a static one reads its column too).</summary>
    public double Number(FieldId field) => field switch
    {
        FieldId.EstCost => EstCost,
        FieldId.EstLatencyMs => EstLatencyMs,
        _ => Columns.Numbers[(int)field]![Index],
    };
}

/// <summary>One model with everything a clause of any field can read: for binding static clauses and for checks.</summary>
internal readonly struct ModelFacts(ModelEntry entry, ModelLiveStats stats, double estCost, double estLatencyMs)
{
    public ModelEntry Entry { get; } = entry;

    public ModelLiveStats Stats { get; } = stats;

    public double EstCost { get; } = estCost;

    public double EstLatencyMs { get; } = estLatencyMs;
}
