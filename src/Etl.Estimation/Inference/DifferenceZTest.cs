using MathNet.Numerics.Distributions;

namespace Etl.Estimation.Inference;

/// <summary>The parametric test of a coefficient difference between two independent samples.</summary>
public static class DifferenceZTest
{
    /// <summary>
    /// z = (b₁ - b₂)/√(s₁² + s₂²) with a two-sided normal p-value (Clogg, Petkova and Haritou 1995, "Statistical
    /// methods for comparing regression coefficients between models", AJS 100; Paternoster et al. 1998,
    /// Criminology 36). Valid when the groups share no cluster, so the two estimates are independent.
    /// </summary>
    public static (double Z, double P) Test(double b1, double se1, double b2, double se2)
    {
        var z = (b1 - b2) / Math.Sqrt(se1 * se1 + se2 * se2);
        return (z, PValues.Normal(z));
    }
}
