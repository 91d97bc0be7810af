using System.Numerics;
using System.Runtime.InteropServices;

namespace Junction.Core.Routing.Evaluation;

/// <summary>
/// The column operations of scoring, vectorized. Each lane performs exactly the scalar IEEE operation (no
/// fused multiply-add, division kept as division), so results are bit-identical to the documented formulas.
/// </summary>
internal static class ScoreMath
{
    /// <summary>
    /// The cascade's sort keys: <c>-(score + 0.0)</c>, where + 0.0 turns -0 into 0 and a NaN score (a field without
    /// a value) becomes -infinity, so it ranks last.
    /// </summary>
    public static void SortKeys(ReadOnlySpan<double> scores, Span<double> keys)
    {
        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var s = MemoryMarshal.Cast<double, Vector<double>>(scores);
            var d = MemoryMarshal.Cast<double, Vector<double>>(keys);
            var last = new Vector<double>(double.PositiveInfinity);
            for (var v = 0; v < s.Length; v++)
            {
                var score = s[v] + Vector<double>.Zero;
                d[v] = Vector.ConditionalSelect(Vector.Equals(score, score), -score, last);
            }

            k = s.Length * Vector<double>.Count;
        }

        for (; k < scores.Length; k++)
        {
            keys[k] = -RankedScore(scores[k]);
        }
    }

    /// <summary>The score a survivor ranks by and the trace reports: + 0.0 turns -0 into 0, NaN becomes -infinity.</summary>
    public static double RankedScore(double score)
    {
        score += 0.0;
        return double.IsNaN(score) ? double.NegativeInfinity : score;
    }

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
    /// <c>dest[k] += weight * normalize(values)[k]</c>, negated first when <paramref name="negate"/>: the same
    /// operations, in the same order, as <see cref="Normalize"/>, <see cref="Negate"/> and <see cref="AddScaled"/>
    /// one after the other, in one pass over the values.
    /// </summary>
    public static void AddNormalized(Span<double> dest, ReadOnlySpan<double> values, double weight, bool negate)
    {
        var range = TryMinMax(values, out var min, out var max) ? max - min : double.NaN;
        if (!(range > 0) || !double.IsFinite(range))
        {
            // Every normalized value is 0 (negated: -0).
            AddConstant(dest, weight * (negate ? -0.0 : 0.0));
            return;
        }

        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var d = MemoryMarshal.Cast<double, Vector<double>>(dest);
            var t = MemoryMarshal.Cast<double, Vector<double>>(values);
            var w = new Vector<double>(weight);
            var low = new Vector<double>(min);
            var spreadV = new Vector<double>(range);
            if (negate)
            {
                for (var v = 0; v < d.Length; v++)
                {
                    d[v] += w * -((t[v] - low) / spreadV);
                }
            }
            else
            {
                for (var v = 0; v < d.Length; v++)
                {
                    d[v] += w * ((t[v] - low) / spreadV);
                }
            }

            k = d.Length * Vector<double>.Count;
        }

        for (; k < dest.Length; k++)
        {
            var normalized = (values[k] - min) / range;
            dest[k] += weight * (negate ? -normalized : normalized);
        }
    }

    private static void AddConstant(Span<double> dest, double addend)
    {
        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var d = MemoryMarshal.Cast<double, Vector<double>>(dest);
            var a = new Vector<double>(addend);
            for (var v = 0; v < d.Length; v++)
            {
                d[v] += a;
            }

            k = d.Length * Vector<double>.Count;
        }

        for (; k < dest.Length; k++)
        {
            dest[k] += addend;
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
