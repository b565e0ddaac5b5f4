namespace Etl.Estimation.Engine;

/// <summary>
/// Removes any number of fixed effects from a column by the method of alternating projections: subtract
/// the group means of each factor in turn until a full sweep changes nothing (relative tolerance
/// <see cref="Tolerance"/>). For a balanced two-way panel the first sweep is already the exact within
/// transformation x - x̄ᵢ - x̄ₜ + x̄; unbalanced panels converge geometrically.
/// </summary>
internal static class Demeaner
{
    /// <summary>Convergence tolerance on the sum of squared changes relative to the sum of squares.</summary>
    public const double Tolerance = 1e-28;

    /// <summary>Iteration cap; reaching it throws, since the result would not be a projection.</summary>
    public const int MaxSweeps = 100_000;

    public static double[] Demean(ReadOnlySpan<double> column, IReadOnlyList<FactorIndex> factors)
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
