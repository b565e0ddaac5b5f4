namespace Etl.Estimation.Engine;

/// <summary>
/// Removes any number of fixed effects from a column by the method of alternating projections: subtract
/// the group means of each factor in turn until a full sweep changes nothing (relative tolerance
/// <see cref="Tolerance"/>). Unbalanced panels converge geometrically. A balanced two-way panel (every
/// pair of levels observed exactly once) takes the exact one-pass within transformation
/// x - x̄ᵢ - x̄ₜ + x̄ instead, which is what the alternating projections converge to.
/// </summary>
internal sealed class Demeaner
{
    /// <summary>Convergence tolerance on the sum of squared changes relative to the sum of squares.</summary>
    public const double Tolerance = 1e-28;

    /// <summary>Iteration cap; reaching it throws, since the result would not be a projection.</summary>
    public const int MaxSweeps = 100_000;

    private readonly IReadOnlyList<FactorIndex> _factors;

    /// <summary>Prepares the demeaning for these factors; <paramref name="allowExact"/> false forces alternating projections.</summary>
    public Demeaner(IReadOnlyList<FactorIndex> factors, bool allowExact = true)
    {
        _factors = factors;
        IsBalancedTwoWay = allowExact && factors.Count == 2 && FactorIndex.IsBalancedPair(factors[0], factors[1]);
    }

    /// <summary>Whether the exact one-pass two-way transformation applies.</summary>
    public bool IsBalancedTwoWay { get; }

    /// <summary>The column with the fixed effects removed.</summary>
    public double[] Demean(ReadOnlySpan<double> column) =>
        IsBalancedTwoWay ? DemeanBalanced(column, _factors[0], _factors[1]) : DemeanAlternating(column, _factors);

    /// <summary>The exact within transformation of a balanced two-way panel.</summary>
    private static double[] DemeanBalanced(ReadOnlySpan<double> column, FactorIndex a, FactorIndex b)
    {
        var meanA = new double[a.Levels];
        var meanB = new double[b.Levels];
        double grand = 0;
        for (var i = 0; i < column.Length; i++)
        {
            meanA[a.Codes[i]] += column[i];
            meanB[b.Codes[i]] += column[i];
            grand += column[i];
        }
        for (var g = 0; g < a.Levels; g++) meanA[g] /= a.Counts[g];
        for (var g = 0; g < b.Levels; g++) meanB[g] /= b.Counts[g];
        grand /= column.Length;
        var x = new double[column.Length];
        for (var i = 0; i < x.Length; i++) x[i] = column[i] - meanA[a.Codes[i]] - meanB[b.Codes[i]] + grand;
        return x;
    }

    /// <summary>Alternating projections: exact for one factor, iterated to convergence for several.</summary>
    private static double[] DemeanAlternating(ReadOnlySpan<double> column, IReadOnlyList<FactorIndex> factors)
    {
        var x = column.ToArray();
        if (factors.Count == 0) return x;
        var sums = new double[factors.Max(f => f.Levels)];
        for (var sweep = 0; sweep < MaxSweeps; sweep++)
        {
            double change = 0, total = 0;
            foreach (var f in factors)
            {
                Array.Clear(sums, 0, f.Levels);
                var codes = f.Codes;
                for (var i = 0; i < x.Length; i++) sums[codes[i]] += x[i];
                for (var g = 0; g < f.Levels; g++) sums[g] /= f.Counts[g];
                for (var i = 0; i < x.Length; i++)
                {
                    var m = sums[codes[i]];
                    x[i] -= m;
                    change += m * m;
                }
            }
            if (factors.Count == 1) return x;
            foreach (var v in x) total += v * v;
            if (change <= Tolerance * Math.Max(total, double.Epsilon) || change == 0) return x;
        }
        throw new InvalidOperationException($"fixed effects did not converge in {MaxSweeps} sweeps");
    }
}
