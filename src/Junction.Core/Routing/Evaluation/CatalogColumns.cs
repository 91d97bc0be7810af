using System.Runtime.CompilerServices;
using Junction.Core.Catalog;
using Junction.Core.Policy;

namespace Junction.Core.Routing.Evaluation;

/// <summary>
/// A catalog snapshot laid out column by column (one array per field, index-aligned with the models), built
/// once per snapshot and shared by every policy. The decision loop then reads contiguous arrays instead of
/// chasing one object per model, and a numeric field is an array index instead of a switch.
/// </summary>
internal sealed class CatalogColumns
{
    private static readonly ConditionalWeakTable<CatalogSnapshot, CatalogColumns> BySnapshot = new();

    private CatalogColumns(CatalogSnapshot catalog)
    {
        var n = catalog.Models.Length;
        Numbers = new double[PolicyFields.All.Count][];
        foreach (var field in PolicyFields.All)
        {
            if (field.Type is FieldType.Number or FieldType.Boolean && field.Source != FieldSource.Request)
            {
                var column = new double[n];
                for (var i = 0; i < n; i++)
                {
                    column[i] = ModelFields.Number(field.Id, catalog.Models[i], catalog.Stats[i], 0, 0);
                }

                Numbers[(int)field.Id] = column;
            }
        }

        ContextWindow = new int[n];
        MaxOutput = new int[n];
        MaxOutputAsDouble = new double[n];
        Capabilities = new ModelCapabilities[n];
        Circuit = new CircuitState[n];
        for (var i = 0; i < n; i++)
        {
            ContextWindow[i] = catalog.Models[i].ContextWindow;
            MaxOutput[i] = catalog.Models[i].MaxOutput;
            MaxOutputAsDouble[i] = catalog.Models[i].MaxOutput;
            Capabilities[i] = catalog.Models[i].Capabilities;
            Circuit[i] = catalog.Stats[i].Circuit;
        }
    }

    /// <summary>Per <see cref="FieldId"/>, the values of a numeric static or live field; null for the others.</summary>
    public double[]?[] Numbers { get; }

    public double[] PriceIn => Numbers[(int)FieldId.PriceIn]!;

    public double[] PriceOut => Numbers[(int)FieldId.PriceOut]!;

    public double[] TtftP50Ms => Numbers[(int)FieldId.TtftP50Ms]!;

    public double[] TokensPerS => Numbers[(int)FieldId.TokensPerS]!;

    public int[] ContextWindow { get; }

    public int[] MaxOutput { get; }

    /// <summary><see cref="MaxOutput"/> as doubles, so the estimates are computed in double lanes without converting per request.</summary>
    public double[] MaxOutputAsDouble { get; }

    public ModelCapabilities[] Capabilities { get; }

    public CircuitState[] Circuit { get; }

    public static CatalogColumns For(CatalogSnapshot catalog) => BySnapshot.GetValue(catalog, static c => new CatalogColumns(c));
}
