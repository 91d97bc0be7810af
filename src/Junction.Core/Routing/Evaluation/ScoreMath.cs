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
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                values.Clear();
                return;
            }

            min = Math.Min(min, v);
            max = Math.Max(max, v);
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
}
