using MathNet.Numerics.LinearAlgebra;

namespace Etl.Simulator.Calibration;

/// <summary>One coefficient of a fit: estimate, city-clustered standard error and t.</summary>
internal readonly record struct Coefficient(double Estimate, double StdError)
{
    public double T => Estimate / StdError;
}

/// <summary>A fit: coefficients by regressor name, residuals (0 outside the sample), within R², clusters.</summary>
internal sealed record WithinFit(IReadOnlyDictionary<string, Coefficient> Coefficients, double[] Residuals, double WithinR2, int Clusters)
{
    public Coefficient this[string name] => Coefficients[name];
}

/// <summary>
/// Two-way fixed-effects least squares on a balanced city × year panel, the simulator's own, small fitter
/// (the simulator must not calibrate itself with the estimator it tests). Arrays are city-major:
/// element c·T + t is city c in year t. On a balanced panel with weights per city (0 leaves a city out,
/// k counts it k times, as a city bootstrap draws it), subtracting city means and weighted year means
/// is the exact two-way within transformation, so no iteration is needed. Standard errors are clustered
/// by city with the reghdfe small-sample factor: G/(G−1) · (N−1)/(N−K), where K counts the slopes, the
/// constant and the year effects (the city effects are nested in the clusters).
/// </summary>
internal sealed class WithinFits
{
    public WithinFits(int cities, int years)
    {
        Cities = cities;
        Years = years;
    }

    public int Cities { get; }

    public int Years { get; }

    public int N => Cities * Years;

    /// <summary>All cities once, every year.</summary>
    public double[] AllCities() => Enumerable.Repeat(1.0, Cities).ToArray();

    /// <summary>y on the columns with city and year effects, over the cities of weight &gt; 0 and years from <paramref name="firstYear"/>.</summary>
    public WithinFit Fit(double[] y, double[] cityWeights, int firstYear, params (string Name, double[] Values)[] columns)
    {
        var k = columns.Length;
        var yw = Demean(y, cityWeights, firstYear);
        var xw = columns.Select(c => Demean(c.Values, cityWeights, firstYear)).ToArray();
        var xtx = Matrix<double>.Build.Dense(k, k);
        var xty = Vector<double>.Build.Dense(k);
        double tss = 0;
        ForEach(cityWeights, firstYear, (i, w) =>
        {
            tss += w * yw[i] * yw[i];
            for (var a = 0; a < k; a++)
            {
                xty[a] += w * xw[a][i] * yw[i];
                for (var b = 0; b <= a; b++) xtx[a, b] += w * xw[a][i] * xw[b][i];
            }
        });
        for (var a = 0; a < k; a++)
            for (var b = 0; b < a; b++) xtx[b, a] = xtx[a, b];
        var inverse = xtx.Inverse();
        var beta = inverse * xty;

        var residuals = new double[N];
        double ssr = 0;
        var meat = Matrix<double>.Build.Dense(k, k);
        var score = Vector<double>.Build.Dense(k);
        double n = 0, clusters = 0;
        for (var c = 0; c < Cities; c++)
        {
            var w = cityWeights[c];
            if (w <= 0) continue;
            clusters += w;
            score.Clear();
            for (var t = firstYear; t < Years; t++)
            {
                var i = c * Years + t;
                var u = yw[i];
                for (var a = 0; a < k; a++) u -= beta[a] * xw[a][i];
                residuals[i] = u;
                ssr += w * u * u;
                n += w;
                for (var a = 0; a < k; a++) score[a] += xw[a][i] * u;
            }
            meat += w * score.OuterProduct(score);
        }
        var kCount = k + 1 + (Years - firstYear - 1);
        var factor = clusters / (clusters - 1) * (n - 1) / (n - kCount);
        var vcov = inverse * meat * inverse * factor;
        var coefficients = new Dictionary<string, Coefficient>();
        for (var a = 0; a < k; a++) coefficients[columns[a].Name] = new Coefficient(beta[a], Math.Sqrt(vcov[a, a]));
        return new WithinFit(coefficients, residuals, tss > 0 ? 1 - ssr / tss : double.NaN, (int)clusters);
    }

    /// <summary>Only the coefficient of one column: the fast path of a bootstrap replicate.</summary>
    public double Slope(double[] y, double[] cityWeights, string name, params (string Name, double[] Values)[] columns) =>
        Fit(y, cityWeights, 0, columns)[name].Estimate;

    /// <summary>The part of <paramref name="y"/> that the columns and both sets of effects leave unexplained, on the whole panel.</summary>
    public double[] Residual(double[] y, params (string Name, double[] Values)[] columns)
    {
        if (columns.Length == 0) return Demean(y, AllCities(), 0);
        return Fit(y, AllCities(), 0, columns).Residuals;
    }

    /// <summary>The part of <paramref name="y"/> the columns and both sets of effects explain.</summary>
    public double[] Projection(double[] y, params (string Name, double[] Values)[] columns)
    {
        var r = Residual(y, columns);
        return y.Select((v, i) => v - r[i]).ToArray();
    }

    /// <summary>x less its city means and its weighted year means, plus the weighted grand mean.</summary>
    public double[] Demean(double[] x, double[] cityWeights, int firstYear)
    {
        var span = Years - firstYear;
        var cityMean = new double[Cities];
        var yearMean = new double[Years];
        double total = 0, grand = 0;
        for (var c = 0; c < Cities; c++)
        {
            if (cityWeights[c] <= 0) continue;
            double s = 0;
            for (var t = firstYear; t < Years; t++) s += x[c * Years + t];
            cityMean[c] = s / span;
            total += cityWeights[c];
            grand += cityWeights[c] * cityMean[c];
            for (var t = firstYear; t < Years; t++) yearMean[t] += cityWeights[c] * x[c * Years + t];
        }
        grand /= total;
        for (var t = firstYear; t < Years; t++) yearMean[t] /= total;
        var r = new double[N];
        for (var c = 0; c < Cities; c++)
        {
            if (cityWeights[c] <= 0) continue;
            for (var t = firstYear; t < Years; t++) r[c * Years + t] = x[c * Years + t] - cityMean[c] - yearMean[t] + grand;
        }
        return r;
    }

    private void ForEach(double[] cityWeights, int firstYear, Action<int, double> body)
    {
        for (var c = 0; c < Cities; c++)
        {
            if (cityWeights[c] <= 0) continue;
            for (var t = firstYear; t < Years; t++) body(c * Years + t, cityWeights[c]);
        }
    }
}
