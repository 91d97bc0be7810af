using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Junction.Core.Catalog;

namespace Junction.Core.Routing.Evaluation;

/// <summary>
/// The per-request columns of a decision, for every model at once: <c>est_cost</c>, <c>est_latency_ms</c>,
/// whether it fits the request and whether its cost is within <c>max_cost</c> (one bit per model). Eight models
/// per step in 256-bit lanes; each lane performs exactly the scalar IEEE operations of the documented formulas
/// (no fused multiply-add, the divisions kept), so the estimates are bit-identical to the scalar ones.
/// </summary>
internal static class RequestEstimates
{
    private const int Step = 8;

    public static void Compute(CatalogColumns columns, in RouteRequest request, double maxCost, RouteScratch scratch)
    {
        var n = columns.ContextWindow.Length;
        var prompt = request.EstPromptTokens;
        var maxTokens = request.MaxTokens;
        var expectedCap = maxTokens ?? Router.DefaultExpectedOutputTokens;
        var required = (long)prompt + (maxTokens ?? 0);
        var maxTokensBound = maxTokens ?? int.MinValue;
        var needs = request.Needs;

        var i = 0;

        // A required context beyond int range fails every model; the scalar loop handles it.
        if (Vector256.IsHardwareAccelerated && required <= int.MaxValue)
        {
            i = ComputeVectors(columns, prompt, expectedCap, (int)Math.Max(required, int.MinValue), maxTokensBound, needs, maxCost, scratch, n);
        }

        for (; i < n; i++)
        {
            ComputeOne(columns, i, prompt, expectedCap, required, maxTokensBound, needs, maxCost, scratch);
        }
    }

    private static int ComputeVectors(
        CatalogColumns columns, int prompt, int expectedCap, int required, int maxTokensBound, ModelCapabilities needs, double maxCost, RouteScratch scratch, int n)
    {
        ref var contextWindow = ref MemoryMarshal.GetArrayDataReference(columns.ContextWindow);
        ref var maxOutput = ref MemoryMarshal.GetArrayDataReference(columns.MaxOutput);
        ref var capabilities = ref Unsafe.As<ModelCapabilities, int>(ref MemoryMarshal.GetArrayDataReference(columns.Capabilities));
        ref var maxOutputD = ref MemoryMarshal.GetArrayDataReference(columns.MaxOutputAsDouble);
        ref var priceIn = ref MemoryMarshal.GetArrayDataReference(columns.PriceIn);
        ref var priceOut = ref MemoryMarshal.GetArrayDataReference(columns.PriceOut);
        ref var ttft = ref MemoryMarshal.GetArrayDataReference(columns.TtftP50Ms);
        ref var tokensPerS = ref MemoryMarshal.GetArrayDataReference(columns.TokensPerS);
        ref var estCost = ref MemoryMarshal.GetArrayDataReference(scratch.EstCost);
        ref var estLatency = ref MemoryMarshal.GetArrayDataReference(scratch.EstLatencyMs);
        var fitsBits = scratch.FitsBits;
        var costBits = scratch.CostBits;

        var requiredV = Vector256.Create(required);
        var maxTokensV = Vector256.Create(maxTokensBound);
        var needsV = Vector256.Create((int)needs);
        var capV = Vector256.Create((double)expectedCap);
        var promptV = Vector256.Create((double)prompt);
        var million = Vector256.Create(1e6);
        var thousand = Vector256.Create(1000.0);
        var noLatency = Vector256.Create(double.MaxValue);
        var maxCostV = Vector256.Create(maxCost);

        var i = 0;
        for (; i <= n - Step; i += Step)
        {
            var offset = (nuint)i;
            var fails = Vector256.LessThan(Vector256.LoadUnsafe(ref contextWindow, offset), requiredV)
                | Vector256.GreaterThan(maxTokensV, Vector256.LoadUnsafe(ref maxOutput, offset))
                | ~Vector256.Equals(Vector256.LoadUnsafe(ref capabilities, offset) & needsV, needsV);
            var fits = ~fails.ExtractMostSignificantBits() & 0xFFu;

            var low = Estimate(ref maxOutputD, ref priceIn, ref priceOut, ref ttft, ref tokensPerS, ref estCost, ref estLatency, offset, capV, promptV, million, thousand, noLatency, maxCostV);
            var high = Estimate(ref maxOutputD, ref priceIn, ref priceOut, ref ttft, ref tokensPerS, ref estCost, ref estLatency, offset + 4, capV, promptV, million, thousand, noLatency, maxCostV);

            var shift = i & 63;
            fitsBits[i >> 6] |= (ulong)fits << shift;
            costBits[i >> 6] |= (ulong)(low | (high << 4)) << shift;
        }

        return i;
    }

    /// <summary>Four models' estimates; returns their within-<c>max_cost</c> bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Estimate(
        ref double maxOutput, ref double priceIn, ref double priceOut, ref double ttft, ref double tokensPerS,
        ref double estCost, ref double estLatency, nuint offset,
        Vector256<double> cap, Vector256<double> prompt, Vector256<double> million, Vector256<double> thousand,
        Vector256<double> noLatency, Vector256<double> maxCost)
    {
        // Both operands are whole numbers, so min in doubles equals the scalar min in ints.
        var expected = Vector256.Min(cap, Vector256.LoadUnsafe(ref maxOutput, offset));
        var cost = (prompt * Vector256.LoadUnsafe(ref priceIn, offset) / million) + (expected * Vector256.LoadUnsafe(ref priceOut, offset) / million);
        var rate = Vector256.LoadUnsafe(ref tokensPerS, offset);
        var latency = Vector256.ConditionalSelect(
            Vector256.GreaterThan(rate, Vector256<double>.Zero),
            Vector256.LoadUnsafe(ref ttft, offset) + (expected / rate * thousand),
            noLatency);
        cost.StoreUnsafe(ref estCost, offset);
        latency.StoreUnsafe(ref estLatency, offset);
        return ~Vector256.GreaterThan(cost, maxCost).ExtractMostSignificantBits() & 0xFu;
    }

    private static void ComputeOne(
        CatalogColumns columns, int i, int prompt, int expectedCap, long required, int maxTokensBound, ModelCapabilities needs, double maxCost, RouteScratch scratch)
    {
        double expected = Math.Min(expectedCap, columns.MaxOutput[i]);
        var estCost = (prompt * columns.PriceIn[i] / 1e6) + (expected * columns.PriceOut[i] / 1e6);
        var tokensPerS = columns.TokensPerS[i];
        scratch.EstCost[i] = estCost;
        scratch.EstLatencyMs[i] = tokensPerS > 0 ? columns.TtftP50Ms[i] + (expected / tokensPerS * 1000) : double.MaxValue;

        var fits = columns.ContextWindow[i] >= required && maxTokensBound <= columns.MaxOutput[i] && (columns.Capabilities[i] & needs) == needs;
        if (fits)
        {
            scratch.FitsBits[i >> 6] |= 1UL << i;
        }

        if (!(estCost > maxCost))
        {
            scratch.CostBits[i >> 6] |= 1UL << i;
        }
    }
}
