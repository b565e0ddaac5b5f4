using MathNet.Numerics.Distributions;

namespace Etl.Estimation.Inference;

/// <summary>
/// Two-sided p-values from the lower tail, 2·F(−|t|), never as 2·(1 − F(|t|)): the difference 1 − F rounds to
/// exactly 0 once |t| passes about 9, where the tail itself is still representable (|t| = 20 on 100 degrees of
/// freedom gives 9.99e-37).
/// </summary>
public static class PValues
{
    /// <summary>Two-sided p of a t statistic on <paramref name="df"/> degrees of freedom.</summary>
    public static double StudentT(double t, double df) =>
        double.IsNaN(t) ? double.NaN : 2 * MathNet.Numerics.Distributions.StudentT.CDF(0, 1, df, -Math.Abs(t));

    /// <summary>Two-sided p of a standard normal statistic.</summary>
    public static double Normal(double z) => double.IsNaN(z) ? double.NaN : 2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -Math.Abs(z));
}
