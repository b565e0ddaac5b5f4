using Etl.Estimation.Engine;

namespace Etl.Estimation.Tests;

public class EngineEdgeCaseTests
{
    private static readonly GrunfeldData s_data = GrunfeldData.Load();

    [Fact]
    public void A_regressor_absorbed_by_the_fixed_effects_is_omitted_not_NaN()
    {
        // A firm-level constant is collinear with the firm fixed effects.
        var firmConstant = s_data.Firm.Select(f => (double)f * f).ToArray();
        var r = FixedEffectsRegression.Fit(new RegressionInput
        {
            Y = s_data.Inv, X = [s_data.Value, firmConstant, s_data.Capital], XNames = ["value", "firm_level", "capital"],
            FixedEffects = [s_data.Firm, s_data.Year], Cluster = s_data.Firm,
        });
        Assert.Equal(["firm_level"], r.Omitted);
        Tolerances.AssertRelative(0.117715855082607, r["value"].Estimate, Tolerances.Coefficient, "b value");
        Assert.All(r.Terms, t => Assert.True(double.IsFinite(t.StdError)));
    }

    [Fact]
    public void An_exact_linear_combination_of_regressors_is_omitted()
    {
        var combo = s_data.Value.Zip(s_data.Capital, (v, c) => 2 * v - c).ToArray();
        var r = FixedEffectsRegression.Fit(new RegressionInput
        {
            Y = s_data.Inv, X = [s_data.Value, s_data.Capital, combo], XNames = ["value", "capital", "combo"],
            FixedEffects = [s_data.Firm], Cluster = s_data.Firm,
        });
        Assert.Equal(["combo"], r.Omitted);
        Tolerances.AssertRelative(0.110123804120718, r["value"].Estimate, Tolerances.Coefficient, "b value");
    }

    [Fact]
    public void Singletons_are_dropped_before_fitting()
    {
        // Append one observation of a firm seen only once: reghdfe drops it and the estimates do not move.
        var r = FixedEffectsRegression.Fit(new RegressionInput
        {
            Y = [.. s_data.Inv, 123.0], X = [[.. s_data.Value, 5.0], [.. s_data.Capital, 7.0]], XNames = ["value", "capital"],
            FixedEffects = [[.. s_data.Firm, 99], [.. s_data.Year, 1940]], Cluster = [.. s_data.Firm, 99],
        });
        Assert.Equal((200, 1), (r.N, r.Singletons));
        Tolerances.AssertRelative(0.0108244294768637, r["value"].StdError, Tolerances.StdError, "se value");
    }

    [Fact]
    public void Unbalanced_two_way_panel_matches_the_dummy_variable_regression()
    {
        // Drop a scattered 10% of rows, then compare with OLS on explicit firm and year dummies (computed
        // by the same engine without absorption): the coefficients of the two must agree.
        var keep = Enumerable.Range(0, 200).Where(i => i % 10 != 3).ToArray();
        double[] Pick(double[] a) => keep.Select(i => a[i]).ToArray();
        var firm = keep.Select(i => s_data.Firm[i]).ToArray();
        var year = keep.Select(i => s_data.Year[i]).ToArray();
        var absorbed = FixedEffectsRegression.Fit(new RegressionInput
        {
            Y = Pick(s_data.Inv), X = [Pick(s_data.Value), Pick(s_data.Capital)], XNames = ["value", "capital"],
            FixedEffects = [firm, year], Vcov = VcovKind.Iid,
        });
        var dummies = new List<double[]> { Pick(s_data.Value), Pick(s_data.Capital) };
        var names = new List<string> { "value", "capital" };
        foreach (var f in firm.Distinct().Order().Skip(1)) { dummies.Add(firm.Select(x => x == f ? 1.0 : 0).ToArray()); names.Add($"f{f}"); }
        foreach (var t in year.Distinct().Order().Skip(1)) { dummies.Add(year.Select(x => x == t ? 1.0 : 0).ToArray()); names.Add($"y{t}"); }
        var lsdv = FixedEffectsRegression.Fit(new RegressionInput { Y = Pick(s_data.Inv), X = dummies, XNames = names, Vcov = VcovKind.Iid });
        Tolerances.AssertRelative(lsdv["value"].Estimate, absorbed["value"].Estimate, 1e-9, "b value");
        Tolerances.AssertRelative(lsdv["capital"].Estimate, absorbed["capital"].Estimate, 1e-9, "b capital");
        // Same K (all dummies + constant) and hence the same iid standard errors.
        Tolerances.AssertRelative(lsdv["value"].StdError, absorbed["value"].StdError, 1e-8, "se value");
    }

    [Fact]
    public void Missing_values_are_rejected_with_a_clear_message()
    {
        var y = (double[])s_data.Inv.Clone();
        y[5] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => FixedEffectsRegression.Fit(new RegressionInput
        {
            Y = y, X = [s_data.Value], XNames = ["value"], FixedEffects = [s_data.Firm], Cluster = s_data.Firm,
        }));
        Assert.Contains("missing", e.Message);
    }
}
