namespace Etl.Estimation.Engine;

/// <summary>
/// A linear model y = Xb + fixed effects + e. Columns are given as arrays of equal length; fixed effects
/// and clusters as integer labels per observation (any values; they are re-indexed internally).
/// </summary>
public sealed record RegressionInput
{
    /// <summary>The outcome.</summary>
    public required double[] Y { get; init; }

    /// <summary>Regressor columns (without a constant: one is added when there are no fixed effects).</summary>
    public required IReadOnlyList<double[]> X { get; init; }

    /// <summary>Names of the regressors, in the order of <see cref="X"/>.</summary>
    public required IReadOnlyList<string> XNames { get; init; }

    /// <summary>Fixed-effect label columns to absorb (e.g. city, year); empty for pooled OLS with a constant.</summary>
    public IReadOnlyList<int[]> FixedEffects { get; init; } = [];

    /// <summary>Names of the fixed effects, for reports.</summary>
    public IReadOnlyList<string> FixedEffectNames { get; init; } = [];

    /// <summary>Cluster labels for <see cref="VcovKind.Cluster"/>.</summary>
    public int[]? Cluster { get; init; }

    /// <summary>Variance estimator.</summary>
    public VcovKind Vcov { get; init; } = VcovKind.Cluster;

    /// <summary>Drop observations that are alone in a fixed-effect group, as reghdfe does by default.</summary>
    public bool DropSingletons { get; init; } = true;
}
