namespace Etl.Estimation.Design;

/// <summary>The numeric transforms of model terms, element by element or over a sample.</summary>
public static class Transforms
{
    /// <summary>ln x; NaN where x ≤ 0 (a missing value, as Stata's ln()).</summary>
    public static double Log(double x) => x > 0 ? Math.Log(x) : double.NaN;

    /// <summary>
    /// ln(1 + x), accurate for small |x|: with u = 1 + x rounded, ln(u)·x/(u - 1) cancels the rounding error
    /// of u (Goldberg 1991, "What every computer scientist should know about floating-point arithmetic",
    /// Theorem 4). NaN where x ≤ -1.
    /// </summary>
    public static double Log1p(double x)
    {
        if (!(x > -1)) return double.NaN;
        if (double.IsPositiveInfinity(x)) return x;
        var u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>
    /// The p-th percentile (0 ≤ p ≤ 100) of sorted values by Stata's default definition (<c>_pctile</c>,
    /// <c>summarize, detail</c>; used by <c>winsor2</c>): with P = n·p/100 = j + g (j an integer, 0 ≤ g &lt; 1),
    /// x₍ⱼ₊₁₎ when g &gt; 0 and (x₍ⱼ₎ + x₍ⱼ₊₁₎)/2 when g = 0, clamped to x₍₁₎ and x₍ₙ₎. P is computed in decimal
    /// arithmetic, so 1% of 150 is exactly 1.5.
    /// </summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        var n = sorted.Count;
        if (n == 0) throw new ArgumentException("no values");
        var position = n * (decimal)p / 100m;
        var j = (int)decimal.Floor(position);
        var g = position - j;
        if (j < 1) return sorted[0];
        if (j >= n) return sorted[n - 1];
        return g > 0 ? sorted[j] : (sorted[j - 1] + sorted[j]) / 2;
    }

    /// <summary>Clips every value to [p_low, p_high] percentiles of the finite values where <paramref name="sample"/> holds.</summary>
    public static double[] Winsorize(double[] values, bool[] sample, double low, double high)
    {
        var inSample = values.Where((v, i) => sample[i] && double.IsFinite(v)).Order().ToArray();
        if (inSample.Length == 0) return (double[])values.Clone();
        var lo = Percentile(inSample, low);
        var hi = Percentile(inSample, high);
        return values.Select(v => double.IsNaN(v) ? v : Math.Clamp(v, lo, hi)).ToArray();
    }
}
