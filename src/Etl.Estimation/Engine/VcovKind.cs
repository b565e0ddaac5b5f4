namespace Etl.Estimation.Engine;

/// <summary>How the variance of the coefficients is estimated.</summary>
public enum VcovKind
{
    /// <summary>Homoskedastic: s²(X'X)⁻¹ with s² = RSS/(N-K).</summary>
    Iid,

    /// <summary>Heteroskedasticity-robust HC1: N/(N-K) · (X'X)⁻¹ Σ eᵢ²xᵢxᵢ' (X'X)⁻¹.</summary>
    Robust,

    /// <summary>One-way clustered CR1 with Stata's factor G/(G-1)·(N-1)/(N-K).</summary>
    Cluster,
}
