using Junction.Core.Catalog;
using Junction.Core.Policy;
using Junction.Core.Policy.Ast;
using Junction.Core.Routing.Evaluation;

namespace Junction.Core.Routing;

/// <summary>The evaluable form of the effective policy, built by <see cref="PolicyCompiler"/>.</summary>
public sealed partial class CompiledPolicy
{
    private CatalogBinding? _binding;
    private string? _maxCostRule;

    /// <summary>Each layer's kind, aligned with <see cref="Layers"/> (most general first).</summary>
    internal LayerKind[] LayerKinds { get; init; } = [];

    /// <summary>Every layer's filter, one root per layer.</summary>
    internal FilterProgram Filter { get; init; } = null!;

    internal ScorerProgram Scorer { get; init; } = null!;

    internal SelectionPlan Selection { get; init; } = null!;

    /// <summary>The layer that set the smallest <c>max_cost</c> (the most general on a tie), or -1.</summary>
    internal int MaxCostLayer { get; init; } = -1;

    /// <summary>The rule a <c>max_cost</c> rejection quotes: <c>["cmp","est_cost","le",X]</c>.</summary>
    internal string MaxCostRule =>
        _maxCostRule ??= PolicyCanonicalizer.ClauseJson(new CmpPredicate(PolicyFields.Get(FieldId.EstCost).Name, CmpOp.Le, MaxCost ?? 0));

    /// <summary>
    /// This policy's static clause results on <paramref name="catalog"/>. The last binding is kept, so
    /// requests on the same snapshot pay only a reference comparison.
    /// </summary>
    internal CatalogBinding Bind(CatalogSnapshot catalog)
    {
        var binding = Volatile.Read(ref _binding);
        if (binding is null || !ReferenceEquals(binding.Catalog, catalog))
        {
            binding = new CatalogBinding(Filter, Selection, catalog);
            Volatile.Write(ref _binding, binding);
        }

        return binding;
    }
}
