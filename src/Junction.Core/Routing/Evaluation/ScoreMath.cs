using System.Numerics;
using System.Runtime.InteropServices;

namespace Junction.Core.Routing.Evaluation;

/// <summary>
/// The column operations of scoring, vectorized. Each lane performs exactly the scalar IEEE operation (no
/// fused multiply-add, division kept as division), so results are bit-identical to the documented formulas.
/// </summary>
internal static class ScoreMath
{
    public static void Negate(Span<double> values)
    {
        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
            for (var v = 0; v < vectors.Length; v++)
            {
                vectors[v] = -vectors[v];
            }

            k = vectors.Length * Vector<double>.Count;
        }

        for (; k < values.Length; k++)
        {
            values[k] = -values[k];
        }
    }

    /// <summary><c>dest[k] += weight * term[k]</c>, rounded after the multiply and after the add.</summary>
    public static void AddScaled(Span<double> dest, ReadOnlySpan<double> term, double weight)
    {
        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var d = MemoryMarshal.Cast<double, Vector<double>>(dest);
            var t = MemoryMarshal.Cast<double, Vector<double>>(term);
            var w = new Vector<double>(weight);
            for (var v = 0; v < d.Length; v++)
            {
                d[v] += w * t[v];
            }

            k = d.Length * Vector<double>.Count;
        }

        for (; k < dest.Length; k++)
        {
            dest[k] += weight * term[k];
        }
    }

    /// <summary>
    /// Min-max to 0..1: <c>(v - min) / (max - min)</c>. When all values are equal, or any is NaN, or the spread
    /// is not finite, every score is 0.
    /// </summary>
    public static void Normalize(Span<double> values)
    {
        if (!TryMinMax(values, out var min, out var max))
        {
            values.Clear();
            return;
        }

        var range = max - min;
        if (!(range > 0) || !double.IsFinite(range))
        {
            values.Clear();
            return;
        }

        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
            var low = new Vector<double>(min);
            var spread = new Vector<double>(range);
            for (var v = 0; v < vectors.Length; v++)
            {
                vectors[v] = (vectors[v] - low) / spread;
            }

            k = vectors.Length * Vector<double>.Count;
        }

        for (; k < values.Length; k++)
        {
            values[k] = (values[k] - min) / range;
        }
    }

    /// <summary>The smallest and largest value; false when any value is NaN.</summary>
    private static bool TryMinMax(ReadOnlySpan<double> values, out double min, out double max)
    {
        min = double.PositiveInfinity;
        max = double.NegativeInfinity;
        var k = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            var vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
            var low = vectors[0];
            var high = vectors[0];
            for (var v = 0; v < vectors.Length; v++)
            {
                var x = vectors[v];
                if (!Vector.EqualsAll(x, x))
                {
                    return false;
                }

                low = Vector.Min(low, x);
                high = Vector.Max(high, x);
            }

            for (var lane = 0; lane < Vector<double>.Count; lane++)
            {
                min = Math.Min(min, low[lane]);
                max = Math.Max(max, high[lane]);
            }

            k = vectors.Length * Vector<double>.Count;
        }

        for (; k < values.Length; k++)
        {
            var x = values[k];
            if (double.IsNaN(x))
            {
                return false;
            }

            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }

        return true;
    }
}
