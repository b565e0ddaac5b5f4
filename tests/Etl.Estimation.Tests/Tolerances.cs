namespace Etl.Estimation.Tests;

/// <summary>Named tolerances for comparisons with published reference results (relative error).</summary>
internal static class Tolerances
{
    /// <summary>Coefficients: exact demeaning should agree to rounding.</summary>
    public const double Coefficient = 1e-8;

    /// <summary>Standard errors and derived statistics.</summary>
    public const double StdError = 1e-6;

    /// <summary>Asserts |actual - expected| ≤ tol·|expected|.</summary>
    public static void AssertRelative(double expected, double actual, double tol, string what)
    {
        var err = Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(err <= tol, $"{what}: expected {expected:R}, got {actual:R} (relative error {err:E2} > {tol:E0})");
    }
}
