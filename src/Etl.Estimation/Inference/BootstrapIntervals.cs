using MathNet.Numerics.Distributions;

namespace Etl.Estimation.Inference;

/// <summary>A confidence interval.</summary>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound.</param>
public readonly record struct Interval(double Low, double High)
{
    /// <summary>Whether <paramref name="x"/> lies in [Low, High].</summary>
    public bool Contains(double x) => x >= Low && x <= High;
}

/// <summary>Confidence intervals from bootstrap replicates.</summary>
public static class BootstrapIntervals
{
    /// <summary>
    /// The q-quantile (0 ≤ q ≤ 1) of sorted values, interpolating linearly between order statistics:
    /// h = (n-1)q, x₍⌊h⌋₎ + (h-⌊h⌋)(x₍⌊h⌋+1₎ - x₍⌊h⌋₎) (Hyndman and Fan 1996, definition 7; R's default).
    /// </summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0) throw new ArgumentException("no values");
        var h = (sorted.Count - 1) * Math.Clamp(q, 0, 1);
        var lo = (int)Math.Floor(h);
        return lo + 1 >= sorted.Count ? sorted[^1] : sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /// <summary>Percentile interval: the α/2 and 1-α/2 quantiles of the replicates (Efron and Tibshirani 1993, §13.3).</summary>
    public static Interval Percentile(IReadOnlyList<double> sorted, double level)
    {
        var alpha = 1 - level;
        return new Interval(Quantile(sorted, alpha / 2), Quantile(sorted, 1 - alpha / 2));
    }

    /// <summary>
    /// The bias correction z₀ = Φ⁻¹(share of replicates below the estimate), ties counted as half.
    /// </summary>
    public static double BiasCorrection(IReadOnlyList<double> sorted, double estimate)
    {
        var below = sorted.Count(v => v < estimate) + 0.5 * sorted.Count(v => v == estimate);
        return Normal.InvCDF(0, 1, below / sorted.Count);
    }

    /// <summary>
    /// Bias-corrected (BC) interval (Efron 1987, "Better bootstrap confidence intervals", JASA 82, with the
    /// acceleration set to zero; Efron and Tibshirani 1993, §14.3): the quantiles
    /// Φ(2z₀ + z_{α/2}) and Φ(2z₀ + z_{1-α/2}) of the replicates, with z₀ from <see cref="BiasCorrection"/>.
    /// With z₀ = 0 it is the percentile interval. NaN bounds when every replicate lies on one side of the
    /// estimate (z₀ infinite).
    /// </summary>
    public static Interval BiasCorrected(IReadOnlyList<double> sorted, double estimate, double level)
    {
        var z0 = BiasCorrection(sorted, estimate);
        if (!double.IsFinite(z0)) return new Interval(double.NaN, double.NaN);
        var alpha = 1 - level;
        var lo = Normal.CDF(0, 1, 2 * z0 + Normal.InvCDF(0, 1, alpha / 2));
        var hi = Normal.CDF(0, 1, 2 * z0 + Normal.InvCDF(0, 1, 1 - alpha / 2));
        return new Interval(Quantile(sorted, lo), Quantile(sorted, hi));
    }
}
