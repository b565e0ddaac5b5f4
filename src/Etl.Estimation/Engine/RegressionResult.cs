namespace Etl.Estimation.Engine;

/// <summary>One estimated coefficient.</summary>
public sealed record Term(string Name, double Estimate, double StdError, double T, double P, double CiLow, double CiHigh);

/// <summary>The result of a fit, with the statistics reghdfe reports.</summary>
public sealed record RegressionResult
{
    /// <summary>Estimated coefficients (a <c>_cons</c> term appears only in models without fixed effects).</summary>
    public required IReadOnlyList<Term> Terms { get; init; }

    /// <summary>Regressors dropped because they are collinear with others or with the fixed effects.</summary>
    public required IReadOnlyList<string> Omitted { get; init; }

    /// <summary>Variance-covariance matrix of <see cref="Terms"/>, row-major.</summary>
    public required double[,] Vcov { get; init; }

    /// <summary>Observations used (after singletons are dropped).</summary>
    public required int N { get; init; }

    /// <summary>Observations dropped as singletons.</summary>
    public required int Singletons { get; init; }

    /// <summary>Number of clusters, for clustered variance.</summary>
    public int? Clusters { get; init; }

    /// <summary>Parameters counted in the small-sample factor (reghdfe's K: slopes, constant, non-nested fixed effects).</summary>
    public required int K { get; init; }

    /// <summary>Degrees of freedom of the t and F tests (G-1 when clustered, else N-K).</summary>
    public required int DfResidual { get; init; }

    /// <summary>Residual sum of squares.</summary>
    public required double Rss { get; init; }

    /// <summary>R² of the full model (fixed effects included).</summary>
    public required double R2 { get; init; }

    /// <summary>Adjusted R² (every fixed-effect level counted).</summary>
    public required double R2Adjusted { get; init; }

    /// <summary>Within R²: 1 - RSS / TSS of the outcome after absorbing the fixed effects (reghdfe's definition).</summary>
    public required double R2Within { get; init; }

    /// <summary>Adjusted within R².</summary>
    public required double R2WithinAdjusted { get; init; }

    /// <summary>Wald F statistic that all slopes are zero, using <see cref="Vcov"/>.</summary>
    public required double F { get; init; }

    /// <summary>Mean of the outcome over the estimation sample (after singletons are dropped), as tables report it.</summary>
    public double MeanY { get; init; } = double.NaN;

    /// <summary>Numerator degrees of freedom of <see cref="F"/>.</summary>
    public required int FDf1 { get; init; }

    /// <summary>The variance estimator used.</summary>
    public required VcovKind VcovKind { get; init; }

    /// <summary>Residuals of the kept observations (within-transformed model).</summary>
    public required double[] Residuals { get; init; }

    /// <summary>The term called <paramref name="name"/>; throws when the model has none.</summary>
    public Term this[string name] => Terms.FirstOrDefault(t => t.Name == name)
        ?? throw new KeyNotFoundException($"no term '{name}' (omitted: {string.Join(", ", Omitted)})");
}
