using Etl.Estimation.Engine;
using static Etl.Estimation.Tests.Tolerances;

namespace Etl.Estimation.Tests;

/// <summary>
/// Grunfeld reference estimates (reghdfe conventions). Published cross-checks: Baltagi Tables 2.1 and 3.1
/// (coefficients), the fixest vignette "On standard-errors" (model D: clustered SE 0.06328129, iid SE
/// 0.02597821), plm's tests/test_pwaldtest.R with gretl output (models A, B, C clustered SEs and R²).
/// </summary>
public class GrunfeldTests
{
    private static readonly GrunfeldData s_data = GrunfeldData.Load();

    private static RegressionResult Fit(string[] x, bool firmFe, bool yearFe, VcovKind vcov)
    {
        var cols = x.Select(n => n == "value" ? s_data.Value : s_data.Capital).ToList();
        var fes = new List<int[]>();
        if (firmFe) fes.Add(s_data.Firm);
        if (yearFe) fes.Add(s_data.Year);
        return FixedEffectsRegression.Fit(new RegressionInput
        {
            Y = s_data.Inv, X = cols, XNames = x, FixedEffects = fes, Cluster = s_data.Firm, Vcov = vcov,
        });
    }

    [Fact]
    public void Model_A_two_way_fixed_effects_clustered_by_firm()
    {
        var r = Fit(["value", "capital"], true, true, VcovKind.Cluster);
        AssertRelative(0.117715855082607, r["value"].Estimate, Coefficient, "b value");
        AssertRelative(0.357916273073428, r["capital"].Estimate, Coefficient, "b capital");
        AssertRelative(0.0108244294768637, r["value"].StdError, StdError, "se value");
        AssertRelative(0.0478483965925889, r["capital"].StdError, StdError, "se capital");
        AssertRelative(10.8750170467843, r["value"].T, StdError, "t value");
        AssertRelative(1.77267137309953e-06, r["value"].P, StdError, "p value");
        AssertRelative(3.77027794817949e-05, r["capital"].P, StdError, "p capital");
        Assert.Equal(22, r.K);
        Assert.Equal((200, 10, 9), (r.N, r.Clusters!.Value, r.DfResidual));
        AssertRelative(0.951693399681222, r.R2, StdError, "R2");
        AssertRelative(0.94311826352996, r.R2Adjusted, StdError, "R2 adj");
        AssertRelative(0.720145212924406, r.R2Within, StdError, "within R2");
        AssertRelative(0.716833321953098, r.R2WithinAdjusted, StdError, "within R2 adj");
    }

    [Fact]
    public void Model_A_iid_standard_errors()
    {
        var r = Fit(["value", "capital"], true, true, VcovKind.Iid);
        AssertRelative(0.0137512830036482, r["value"].StdError, StdError, "se value");
        AssertRelative(0.0227190108825725, r["capital"].StdError, StdError, "se capital");
    }

    [Fact]
    public void Model_B_firm_fixed_effects_clustered_by_firm()
    {
        var r = Fit(["value", "capital"], true, false, VcovKind.Cluster);
        AssertRelative(0.110123804120718, r["value"].Estimate, Coefficient, "b value");
        AssertRelative(0.310065341300139, r["capital"].Estimate, Coefficient, "b capital");
        AssertRelative(0.0151944939427174, r["value"].StdError, StdError, "se value");
        AssertRelative(0.052751771758776, r["capital"].StdError, StdError, "se capital");
        AssertRelative(4.82866548285061e-05, r["value"].P, StdError, "p value");
        AssertRelative(0.000235464985738274, r["capital"].P, StdError, "p capital");
        Assert.Equal(3, r.K);
        AssertRelative(0.944072512467661, r.R2, StdError, "R2");
        AssertRelative(0.940800159473747, r.R2Adjusted, StdError, "R2 adj");
        AssertRelative(0.766757583748141, r.R2Within, StdError, "within R2");
        AssertRelative(0.764276281447589, r.R2WithinAdjusted, StdError, "within R2 adj");
        var iid = Fit(["value", "capital"], true, false, VcovKind.Iid);
        AssertRelative(0.0118566942140438, iid["value"].StdError, StdError, "iid se value");
        AssertRelative(0.0173545027755526, iid["capital"].StdError, StdError, "iid se capital");
    }

    [Fact]
    public void Model_C_pooled_with_constant_clustered_by_firm()
    {
        var r = Fit(["value", "capital"], false, false, VcovKind.Cluster);
        AssertRelative(-42.7143694365597, r[FixedEffectsRegression.Constant].Estimate, Coefficient, "b cons");
        AssertRelative(0.115562156360552, r["value"].Estimate, Coefficient, "b value");
        AssertRelative(0.230678488731969, r["capital"].Estimate, Coefficient, "b capital");
        AssertRelative(20.4252029284738, r[FixedEffectsRegression.Constant].StdError, StdError, "se cons");
        AssertRelative(0.0158943366870588, r["value"].StdError, StdError, "se value");
        AssertRelative(0.0849671126355402, r["capital"].StdError, StdError, "se capital");
        AssertRelative(0.066048434464588, r[FixedEffectsRegression.Constant].P, StdError, "p cons");
        Assert.Equal(3, r.K);
        AssertRelative(0.812408012544728, r.R2, StdError, "R2");
        AssertRelative(0.810503525362441, r.R2Adjusted, StdError, "R2 adj");
        AssertRelative(r.R2, r.R2Within, 1e-15, "within R2 equals R2 without fixed effects");
        var iid = Fit(["value", "capital"], false, false, VcovKind.Iid);
        AssertRelative(9.51167603142387, iid[FixedEffectsRegression.Constant].StdError, StdError, "iid se cons");
        AssertRelative(0.00583570955722064, iid["value"].StdError, StdError, "iid se value");
    }

    [Fact]
    public void Model_D_matches_the_fixest_vignette()
    {
        var r = Fit(["capital"], true, true, VcovKind.Cluster);
        AssertRelative(0.413801834595385, r["capital"].Estimate, Coefficient, "b capital");
        AssertRelative(0.0632812940898139, r["capital"].StdError, StdError, "se capital");
        Assert.Equal(0.06328129, Math.Round(r["capital"].StdError, 8)); // printed in the vignette
        Assert.Equal(21, r.K);
        AssertRelative(0.000106508127318857, r["capital"].P, StdError, "p capital");
        AssertRelative(0.598798080235498, r.R2Within, StdError, "within R2");
        AssertRelative(0.596438068942765, r.R2WithinAdjusted, StdError, "within R2 adj");
        var iid = Fit(["capital"], true, true, VcovKind.Iid);
        Assert.Equal(0.02597821, Math.Round(iid["capital"].StdError, 8));
    }

    [Fact]
    public void Row_order_does_not_change_the_estimates()
    {
        var order = Enumerable.Range(0, 200).OrderBy(i => (i * 7919) % 200).ToArray();
        var r = FixedEffectsRegression.Fit(new RegressionInput
        {
            Y = order.Select(i => s_data.Inv[i]).ToArray(),
            X = [order.Select(i => s_data.Value[i]).ToArray(), order.Select(i => s_data.Capital[i]).ToArray()],
            XNames = ["value", "capital"],
            FixedEffects = [order.Select(i => s_data.Firm[i]).ToArray(), order.Select(i => s_data.Year[i]).ToArray()],
            Cluster = order.Select(i => s_data.Firm[i]).ToArray(),
        });
        AssertRelative(0.117715855082607, r["value"].Estimate, Coefficient, "b value");
        AssertRelative(0.0478483965925889, r["capital"].StdError, StdError, "se capital");
    }
}
