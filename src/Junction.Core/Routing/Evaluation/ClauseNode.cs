using Junction.Core.Catalog;
using Junction.Core.Policy;
using Junction.Core.Policy.Ast;

namespace Junction.Core.Routing.Evaluation;

/// <summary>The shape of a compiled filter clause.</summary>
internal enum ClauseKind : byte
{
    Const,
    And,
    Or,
    Not,
    Eq,
    In,
    Cmp,
    Has,
}

/// <summary>
/// One filter clause with its field resolved and its operands pre-parsed. Composite clauses name their
/// operands by index into <see cref="FilterProgram"/>'s child list, so a program is two flat arrays.
/// </summary>
internal readonly struct ClauseNode
{
    public ClauseKind Kind { get; init; }

    public FieldId Field { get; init; }

    public FieldType FieldType { get; init; }

    /// <summary><c>ne</c>/<c>nin</c>; for <see cref="ClauseKind.Const"/>, <c>["false"]</c>.</summary>
    public bool Negated { get; init; }

    public CmpOp Op { get; init; }

    /// <summary>The <c>cmp</c> operand.</summary>
    public double Number { get; init; }

    /// <summary>The <c>eq</c>/<c>ne</c> operand.</summary>
    public PolicyValue Value { get; init; }

    /// <summary>The <c>in</c>/<c>nin</c> operands.</summary>
    public PolicyValue[]? Values { get; init; }

    /// <summary>The <c>has</c> operand.</summary>
    public ModelCapabilities Capability { get; init; }

    public int FirstChild { get; init; }

    public int ChildCount { get; init; }

    /// <summary>
    /// The clause's row in the per-snapshot static results, or -1 when it reads live or per-request fields
    /// and must be evaluated per request.
    /// </summary>
    public int StaticSlot { get; init; }

    /// <summary>Leaf semantics (POLICY.md §1); set-valued fields match <c>eq</c> by containment and <c>in</c> by intersection.</summary>
    public bool LeafMatches(ModelEntry model, in ModelLiveStats stats, double estCost, double estLatencyMs)
    {
        switch (Kind)
        {
            case ClauseKind.Const:
                return !Negated;
            case ClauseKind.Has:
                return (model.Capabilities & Capability) == Capability;
            case ClauseKind.Cmp:
                return Compare(ModelFields.Number(Field, model, stats, estCost, estLatencyMs), Op, Number);
            case ClauseKind.Eq:
                return ValueMatches(Value, model, stats, estCost, estLatencyMs) != Negated;
            case ClauseKind.In:
                foreach (var value in Values!)
                {
                    if (ValueMatches(value, model, stats, estCost, estLatencyMs))
                    {
                        return !Negated;
                    }
                }

                return Negated;
            default:
                throw new InvalidOperationException($"{Kind} is not a leaf");
        }
    }

    /// <summary>
    /// Leaf semantics for the clauses evaluated per request: those over live or per-request fields, which are
    /// numbers except <c>circuit</c>.
    /// </summary>
    public bool DynamicLeafMatches(in ModelContext model)
    {
        switch (Kind)
        {
            case ClauseKind.Cmp:
                return Compare(model.Number(Field), Op, Number);
            case ClauseKind.Eq:
                return DynamicValueMatches(Value, model) != Negated;
            case ClauseKind.In:
                foreach (var value in Values!)
                {
                    if (DynamicValueMatches(value, model))
                    {
                        return !Negated;
                    }
                }

                return Negated;
            default:
                throw new InvalidOperationException($"{Kind} over {Field} is not evaluated per request");
        }
    }

    private bool DynamicValueMatches(in PolicyValue value, in ModelContext model) => Field == FieldId.Circuit
        ? value.Kind == PolicyValueKind.String &&
            string.Equals(ModelFields.CircuitName(model.Columns.Circuit[model.Index]), value.Text, StringComparison.Ordinal)
        : value.Kind == PolicyValueKind.Number && model.Number(Field) == value.Number;

    private bool ValueMatches(in PolicyValue value, ModelEntry model, in ModelLiveStats stats, double estCost, double estLatencyMs) => FieldType switch
    {
        FieldType.String => value.Kind == PolicyValueKind.String &&
            string.Equals(ModelFields.Text(Field, model, stats), value.Text, StringComparison.Ordinal),
        FieldType.StringSet => value.Kind == PolicyValueKind.String && ModelFields.SetContains(Field, model, value.Text!),
        FieldType.Boolean => value.Kind == PolicyValueKind.Boolean && model.OpenWeights == value.Boolean,
        _ => value.Kind == PolicyValueKind.Number &&
            ModelFields.Number(Field, model, stats, estCost, estLatencyMs) == value.Number,
    };

    private static bool Compare(double actual, CmpOp op, double operand) => op switch
    {
        CmpOp.Lt => actual < operand,
        CmpOp.Le => actual <= operand,
        CmpOp.Gt => actual > operand,
        CmpOp.Ge => actual >= operand,
        CmpOp.Eq => actual == operand,
        _ => actual != operand,
    };
}
