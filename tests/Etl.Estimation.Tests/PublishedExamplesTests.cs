using System.Globalization;
using Etl.Estimation.Engine;

namespace Etl.Estimation.Tests;

/// <summary>
/// Two further published examples, compared at the precision their sources print (half a unit of the
/// last printed digit): Petersen's test data (the data author's own results) and Baltagi's Cigar panel
/// (FixedEffectModels.jl's tests, stated to match Stata's reghdfe).
/// </summary>
public class PublishedExamplesTests
{
    private static void AssertPrinted(double printed, int decimals, double actual, string what)
    {
        var halfUnit = 0.5 * Math.Pow(10, -decimals);
        Assert.True(Math.Abs(actual - printed) <= halfUnit + 1e-15, $"{what}: published {printed}, got {actual:R}");
    }

    private static (int[] Firm, int[] Year, double[] X, double[] Y) Petersen()
    {
        var rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Reference", "petersen_test_data.txt"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        return (rows.Select(r => int.Parse(r[0], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => int.Parse(r[1], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => double.Parse(r[2], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => double.Parse(r[3], CultureInfo.InvariantCulture)).ToArray());
    }

    [Fact]
    public void Petersen_OLS_with_iid_and_clustered_standard_errors()
    {
        var (firm, year, x, y) = Petersen();
        Assert.Equal(5000, y.Length);
        RegressionResult Fit(VcovKind v, int[]? cluster) => FixedEffectsRegression.Fit(new RegressionInput
        {
            Y = y, X = [x], XNames = ["x"], Vcov = v, Cluster = cluster,
        });
        var iid = Fit(VcovKind.Iid, null);
        AssertPrinted(0.0297, 4, iid[FixedEffectsRegression.Constant].Estimate, "b cons");
        AssertPrinted(1.0348, 4, iid["x"].Estimate, "b x");
        AssertPrinted(0.028359, 6, iid[FixedEffectsRegression.Constant].StdError, "iid se cons");
        AssertPrinted(0.028583, 6, iid["x"].StdError, "iid se x");
        var byFirm = Fit(VcovKind.Cluster, firm);
        AssertPrinted(0.067013, 6, byFirm[FixedEffectsRegression.Constant].StdError, "firm se cons");
        AssertPrinted(0.050596, 6, byFirm["x"].StdError, "firm se x");
        Assert.Equal(500, byFirm.Clusters);
        var byYear = Fit(VcovKind.Cluster, year);
        AssertPrinted(0.023387, 6, byYear[FixedEffectsRegression.Constant].StdError, "year se cons");
        AssertPrinted(0.033389, 6, byYear["x"].StdError, "year se x");
        Assert.Equal(9, byYear.DfResidual);
    }

    private static (int[] State, int[] Year, double[] Price, double[] Sales) Cigar()
    {
        var rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Reference", "cigar.csv")).Skip(1)
            .Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        return (rows.Select(r => int.Parse(r[0], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => int.Parse(r[1], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => D(r[2])).ToArray(), rows.Select(r => D(r[7])).ToArray());
    }

    [Fact]
    public void Cigar_state_fixed_effects_with_clustered_standard_errors_match_reghdfe()
    {
        var (state, year, price, sales) = Cigar();
        Assert.Equal(1380, sales.Length);
        RegressionResult Fit(IReadOnlyList<int[]> fe, int[] cluster) => FixedEffectsRegression.Fit(new RegressionInput
        {
            Y = sales, X = [price], XNames = ["price"], FixedEffects = fe, Cluster = cluster,
        });
        var byState = Fit([state], state);
        AssertPrinted(-0.20984, 5, byState["price"].Estimate, "b price | state");
        AssertPrinted(0.0357498, 7, byState["price"].StdError, "se price | state, cluster state");
        Assert.Equal(2, byState.K); // the state effects are nested in the clusters
        var byYear = Fit([state], year);
        AssertPrinted(0.0220563, 7, byYear["price"].StdError, "se price | state, cluster year");
        Assert.Equal(47, byYear.K);
        var pooled = Fit([], state);
        AssertPrinted(0.0379228, 7, pooled["price"].StdError, "se price pooled, cluster state");
        var twoWay = Fit([state, year], state);
        AssertPrinted(-1.08471, 5, twoWay["price"].Estimate, "b price | state + year");
    }
}
