using Etl.Estimation.Engine;

namespace Etl.Simulator.Calibration;

/// <summary>Two-way fixed-effects fits on the balanced panel (cities × years, city-clustered), for calibration.</summary>
internal sealed class PanelFits
{
    private readonly int[] _city;
    private readonly int[] _year;

    public PanelFits(int[] city, int[] year)
    {
        _city = city;
        _year = year;
    }

    public int N => _city.Length;

    public int[] Cities => _city;

    /// <summary>y on the columns with city and year effects, errors clustered by city.</summary>
    public RegressionResult Fit(double[] y, params (string Name, double[] Values)[] columns) => Fit(y, null, columns);

    /// <summary>The same on the observations where <paramref name="subset"/> is true.</summary>
    public RegressionResult Fit(double[] y, bool[]? subset, params (string Name, double[] Values)[] columns)
    {
        int[] idx = subset is null ? [.. Enumerable.Range(0, N)] : [.. Enumerable.Range(0, N).Where(i => subset[i])];
        return FixedEffectsRegression.Fit(new RegressionInput
        {
            Y = idx.Select(i => y[i]).ToArray(),
            X = columns.Select(c => idx.Select(i => c.Values[i]).ToArray()).ToList(),
            XNames = columns.Select(c => c.Name).ToList(),
            FixedEffects = [idx.Select(i => _city[i]).ToArray(), idx.Select(i => _year[i]).ToArray()],
            Cluster = idx.Select(i => _city[i]).ToArray(),
        });
    }

    /// <summary>The part of <paramref name="y"/> orthogonal to the columns and both sets of effects.</summary>
    public double[] Residual(double[] y, params (string Name, double[] Values)[] columns) =>
        columns.Length == 0 ? throw new ArgumentException("need a column") : Fit(y, columns).Residuals;

    /// <summary>The part of <paramref name="y"/> explained by the columns and both sets of effects.</summary>
    public double[] Projection(double[] y, params (string Name, double[] Values)[] columns)
    {
        var r = Residual(y, columns);
        return y.Select((v, i) => v - r[i]).ToArray();
    }
}
