using Junction.Core.Policy;
using Junction.Core.Policy.Ast;

namespace Junction.Core.Routing.Evaluation;

/// <summary>
/// A scorer compiled to a flat tree evaluated column-wise over the survivors: each node writes one score per
/// survivor into a scratch row, so <c>normalize</c> sees every survivor and nothing is allocated per request.
/// </summary>
internal sealed class ScorerProgram
{
    private readonly ScoreNode[] _nodes;
    private readonly int[] _children;
    private readonly int _root;

    private ScorerProgram(ScoreNode[] nodes, int[] children, int root, int rows)
    {
        _nodes = nodes;
        _children = children;
        _root = root;
        RowCount = rows;
    }

    /// <summary>Scratch rows needed: the tree's depth plus one.</summary>
    public int RowCount { get; }

    public static ScorerProgram Compile(Scorer scorer)
    {
        var nodes = new List<ScoreNode>();
        var children = new List<int>();
        var root = Add(scorer, nodes, children, depth: 0, out var maxDepth);
        return new ScorerProgram([.. nodes], [.. children], root, maxDepth + 1);
    }

    /// <summary>Scores the first <c>count</c> survivors into <paramref name="scores"/>.</summary>
    public void Evaluate(RouteScratch scratch, int count, Span<double> scores) => Evaluate(_root, scratch, count, 0, scores);

    private void Evaluate(int node, RouteScratch scratch, int count, int row, Span<double> dest)
    {
        ref readonly var n = ref _nodes[node];
        switch (n.Kind)
        {
            case ScoreKind.Const:
                dest[..count].Fill(n.Value);
                break;
            case ScoreKind.Field:
                scratch.FillNumbers(n.Field, scratch.Survivors.AsSpan(0, count), dest);
                break;
            case ScoreKind.Neg:
                Evaluate(_children[n.FirstChild], scratch, count, row, dest);
                ScoreMath.Negate(dest[..count]);
                break;
            case ScoreKind.Normalize:
                Evaluate(_children[n.FirstChild], scratch, count, row, dest);
                ScoreMath.Normalize(dest[..count]);
                break;
            case ScoreKind.Weighted:
                dest[..count].Clear();
                var term = scratch.ScoreRow(row + 1, count);
                for (var c = n.FirstChild; c < n.FirstChild + n.ChildCount; c++)
                {
                    var child = _children[c];
                    var weight = _nodes[child].Weight;

                    // The strategies' terms, normalize and neg fused into the accumulation: one pass instead of three.
                    if (TryNormalizedOperand(child, out var operand, out var negate))
                    {
                        Evaluate(operand, scratch, count, row + 1, term);
                        ScoreMath.AddNormalized(dest[..count], term, weight, negate);
                        continue;
                    }

                    Evaluate(child, scratch, count, row + 1, term);
                    ScoreMath.AddScaled(dest[..count], term, weight);
                }

                break;
        }
    }

    /// <summary>Whether the node is <c>normalize(x)</c> or <c>neg(normalize(x))</c>; <paramref name="operand"/> is x.</summary>
    private bool TryNormalizedOperand(int node, out int operand, out bool negate)
    {
        negate = _nodes[node].Kind == ScoreKind.Neg;
        if (negate)
        {
            node = _children[_nodes[node].FirstChild];
        }

        operand = _children[_nodes[node].FirstChild];
        return _nodes[node].Kind == ScoreKind.Normalize;
    }

    private static int Add(Scorer scorer, List<ScoreNode> nodes, List<int> children, int depth, out int maxDepth)
    {
        maxDepth = depth;
        switch (scorer)
        {
            case ConstScorer c:
                nodes.Add(new ScoreNode { Kind = ScoreKind.Const, Value = c.Value });
                return nodes.Count - 1;
            case FieldScorer f:
                if (!PolicyFields.TryGet(f.Field, out var field) || field.Type is not (FieldType.Number or FieldType.Boolean))
                {
                    throw new ArgumentException($"field '{f.Field}' is not numeric", nameof(scorer));
                }

                nodes.Add(new ScoreNode { Kind = ScoreKind.Field, Field = field.Id });
                return nodes.Count - 1;
            case NegScorer n:
                return Unary(ScoreKind.Neg, n.Inner, nodes, children, depth, out maxDepth);
            case NormalizeScorer n:
                return Unary(ScoreKind.Normalize, n.Inner, nodes, children, depth, out maxDepth);
            case WeightedScorer w:
                // Terms evaluate into the next scratch row and accumulate into this one.
                var indices = new int[w.Terms.Length];
                for (var i = 0; i < indices.Length; i++)
                {
                    var term = w.Terms[i];
                    indices[i] = Add(term.Scorer, nodes, children, depth + 1, out var termDepth);
                    nodes[indices[i]] = nodes[indices[i]] with { Weight = term.Weight };
                    maxDepth = Math.Max(maxDepth, termDepth);
                }

                var first = children.Count;
                children.AddRange(indices);
                nodes.Add(new ScoreNode { Kind = ScoreKind.Weighted, FirstChild = first, ChildCount = indices.Length });
                return nodes.Count - 1;
            default:
                throw new ArgumentException($"unsupported scorer {scorer.GetType().Name}", nameof(scorer));
        }
    }

    private static int Unary(ScoreKind kind, Scorer inner, List<ScoreNode> nodes, List<int> children, int depth, out int maxDepth)
    {
        var child = Add(inner, nodes, children, depth, out maxDepth);
        children.Add(child);
        nodes.Add(new ScoreNode { Kind = kind, FirstChild = children.Count - 1, ChildCount = 1 });
        return nodes.Count - 1;
    }

    private enum ScoreKind : byte
    {
        Const,
        Field,
        Neg,
        Normalize,
        Weighted,
    }

    private readonly record struct ScoreNode
    {
        public ScoreKind Kind { get; init; }

        public FieldId Field { get; init; }

        public double Value { get; init; }

        /// <summary>This node's weight within its parent <c>weighted</c>.</summary>
        public double Weight { get; init; }

        public int FirstChild { get; init; }

        public int ChildCount { get; init; }
    }
}
