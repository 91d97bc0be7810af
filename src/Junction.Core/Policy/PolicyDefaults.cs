using System.Collections.Immutable;
using Junction.Core.Fallback;
using Junction.Core.Policy.Ast;

namespace Junction.Core.Policy;

/// <summary>
/// The host defaults of <c>junction-pol/v1</c>: what a member means when no layer sets it. The canonical form
/// writes them explicitly and the evaluator applies the same values.
/// </summary>
public static class PolicyDefaults
{
    /// <summary>Attempts per request, first one included.</summary>
    public const int MaxAttempts = 3;

    /// <summary>The largest <c>max_attempts</c> a policy may set.</summary>
    public const int MaxAttemptsLimit = 10;

    public const int AttemptTimeoutMs = 30_000;

    public const bool NoLog = false;

    public const PolicyLocks Lock = PolicyLocks.None;

    /// <summary><c>["true"]</c>: every model passes.</summary>
    public static readonly Predicate Filter = new ConstPredicate(true);

    /// <summary>The <see cref="Strategies.Balanced"/> scorer.</summary>
    public static readonly Scorer Rank = Strategies.Balanced;

    /// <summary><c>["argmax"]</c>.</summary>
    public static readonly Selection Select = new ArgmaxSelection();

    /// <summary>The transient kinds, in canonical (wire-name) order; <c>context_length</c> is opt-in.</summary>
    public static readonly ImmutableArray<ErrorKind> FallbackOn =
        [ErrorKind.Connect, ErrorKind.Overloaded, ErrorKind.RateLimited, ErrorKind.ServerError, ErrorKind.Timeout];

    /// <summary>The fallback block with every member set.</summary>
    public static readonly FallbackSpec Fallback = new(MaxAttempts, FallbackOn, AttemptTimeoutMs);
}
