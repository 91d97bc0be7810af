using System.Runtime.CompilerServices;
using Junction.Core.Catalog;
using Junction.Core.Policy;

namespace Junction.Core.Routing.Evaluation;

/// <summary>
/// The JSON text of static fields per model, written once per snapshot and shared by every policy: a trace
/// quotes the same <c>"deepseek"</c> or <c>["asia"]</c> for hundreds of rejections per request.
/// </summary>
internal static class StaticFieldJson
{
    private static readonly int FieldCount = PolicyFields.All.Count;

    private static readonly ConditionalWeakTable<CatalogSnapshot, string?[]> Cache = new();

    /// <summary>The per-snapshot table to pass to <see cref="Get"/>.</summary>
    public static string?[] TableFor(CatalogSnapshot catalog) =>
        Cache.GetValue(catalog, static c => new string?[c.Models.Length * FieldCount]);

    public static string Get(string?[] table, CatalogSnapshot catalog, FieldId field, int model)
    {
        ref var slot = ref table[((int)field * catalog.Models.Length) + model];
        return Volatile.Read(ref slot) ?? (slot = ModelFields.Json(field, catalog.Models[model], catalog.Stats[model], 0, 0));
    }
}
