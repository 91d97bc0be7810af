using Junction.Core.Policy.Ast;

namespace Junction.Core.Policy;

/// <summary>The wire names of <c>junction-pol/v1</c>, shared by the parser and the writer.</summary>
internal static class PolicyTerms
{
    public const string True = "true";
    public const string False = "false";
    public const string And = "and";
    public const string Or = "or";
    public const string Not = "not";
    public const string Eq = "eq";
    public const string Ne = "ne";
    public const string In = "in";
    public const string Nin = "nin";
    public const string Cmp = "cmp";
    public const string Has = "has";

    public const string Field = "field";
    public const string Normalize = "normalize";
    public const string Neg = "neg";
    public const string Weighted = "weighted";
    public const string Const = "const";

    public const string Argmax = "argmax";
    public const string Pin = "pin";
    public const string Split = "split";

    public const string Version = "v";
    public const string FilterKey = "filter";
    public const string RankKey = "rank";
    public const string SelectKey = "select";
    public const string FallbackKey = "fallback";
    public const string MaxCostKey = "max_cost";
    public const string NoLogKey = "no_log";
    public const string LockKey = "lock";

    public const string MaxAttemptsKey = "max_attempts";
    public const string OnKey = "on";
    public const string AttemptTimeoutMsKey = "attempt_timeout_ms";

    public static readonly string[] PredicateOperators = [True, False, And, Or, Not, Eq, Ne, In, Nin, Cmp, Has];
    public static readonly string[] ScorerOperators = [Field, Normalize, Neg, Weighted, Const];
    public static readonly string[] SelectionOperators = [Argmax, Pin, Split];
    public static readonly string[] CmpOperators = ["lt", "le", "gt", "ge", "eq", "ne"];
    public static readonly string[] TopLevelKeys = [Version, FilterKey, RankKey, SelectKey, FallbackKey, MaxCostKey, NoLogKey, LockKey];
    public static readonly string[] FallbackKeys = [MaxAttemptsKey, OnKey, AttemptTimeoutMsKey];
    public static readonly string[] LockableMembers = [RankKey, SelectKey];
    public static readonly string[] CircuitStates = ["closed", "open", "half_open"];

    public static string ToWire(this CmpOp op) => CmpOperators[(int)op];

    public static bool TryParseCmpOp(string name, out CmpOp op)
    {
        var index = Array.IndexOf(CmpOperators, name);
        op = (CmpOp)Math.Max(index, 0);
        return index >= 0;
    }
}
