using MathNet.Numerics.Distributions;

namespace Etl.Estimation.Inference;

/// <summary>The Sobel test of an indirect effect a·b.</summary>
public static class Sobel
{
    /// <summary>
    /// Z = a·b / √(b²·s_a² + a²·s_b²), the first-order delta-method standard error of a·b (Sobel 1982,
    /// "Asymptotic confidence intervals for indirect effects in structural equation models", Sociological
    /// Methodology 13), with a two-sided normal p-value. The study passes the clustered standard errors.
    /// </summary>
    public static (double Z, double P) Test(double a, double seA, double b, double seB)
    {
        var z = a * b / Math.Sqrt(b * b * seA * seA + a * a * seB * seB);
        return (z, PValues.Normal(z));
    }
}
