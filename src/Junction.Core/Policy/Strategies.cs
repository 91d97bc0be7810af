using Junction.Core.Policy.Ast;

namespace Junction.Core.Policy;

/// <summary>The named strategies and the scorers they compile to (documented, stable).</summary>
public static class Strategies
{
    /// <summary>Resolves <c>lowest_cost</c>, <c>balanced</c>, ... (also the hyphenated <c>lowest-cost</c> form).</summary>
    public static bool TryGet(string name, out Scorer scorer) => throw new NotImplementedException();
}
