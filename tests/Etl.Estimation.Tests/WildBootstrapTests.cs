using Etl.Estimation.Engine;
using Etl.Estimation.Inference;
using Etl.Estimation.Tests.Fixtures;

namespace Etl.Estimation.Tests;

/// <summary>The restricted wild cluster bootstrap: its t is the engine's t, and its p-value behaves under the null.</summary>
public sealed class WildBootstrapTests(FixtureDatabase db) : IClassFixture<FixtureDatabase>
{
    private static readonly string[] s_controls = ["dig_real", "human", "gdp", "pop", "ent_act", "ind3_share"];

    [Theory]
    [InlineData("east", true)]
    [InlineData("west", true)]
    [InlineData("west", false)]
    public void The_statistic_with_unit_weights_is_the_engines_clustered_t(string region, bool fixedEffects)
    {
        var d = db.Design("nq_rev", s_controls, fixedEffects ? null : [], FixtureDatabase.Where("region", region));
        var fit = FixedEffectsRegression.Fit(d.ToInput());
        var statistic = WildClusterBootstrap.Prepare("m", d.ToInput(), "dig_real");
        Tolerances.AssertRelative(fit["dig_real"].T, statistic.Observed, 1e-10, "t");
        Assert.Equal(fit.Clusters, statistic.Clusters);
    }

    [Fact]
    public void Rademacher_weights_are_enumerated_when_there_are_few_clusters()
    {
        var d = db.Design("nq_rev", s_controls, sample: FixtureDatabase.Where("region", "west"));
        var r = WildClusterBootstrap.Run("m", d.ToInput(), "dig_real", WildWeights.Rademacher, 9999, 1, 2);
        Assert.True(r.Enumerated);
        Assert.Equal(256, r.Reps); // 2^8 sign vectors
        Assert.Equal(Math.Round(r.P * 256), r.P * 256, 9);
        // nq_rev = 2·dig_real + ...: a strong effect; the smallest attainable p with 8 clusters is 2/256
        // (v and -v give the same |t*|), and the observed t itself is one of the 256.
        Assert.Equal(2.0 / 256, r.P, 12);
    }

    [Fact]
    public void Webb_draws_are_seeded_and_independent_of_threads()
    {
        var input = db.Design("nq_rev", s_controls, sample: FixtureDatabase.Where("region", "west")).ToInput();
        var a = WildClusterBootstrap.Run("m", input, "human", WildWeights.Webb, 999, 5, 1);
        var b = WildClusterBootstrap.Run("m", input, "human", WildWeights.Webb, 999, 5, 2);
        Assert.Equal(a, b);
        Assert.False(a.Enumerated);
        Assert.Equal(999, a.Reps);
        Assert.Equal(WildWeights.Webb, WildClusterBootstrap.Choose("auto", 8, 12));
        Assert.Equal(WildWeights.Rademacher, WildClusterBootstrap.Choose("auto", 12, 12));
        Assert.Equal(WildWeights.Rademacher, WildClusterBootstrap.Choose("rademacher", 3, 12));
    }

    /// <summary>A panel of 8 clusters x 10 years with two-way effects and AR(1) regressor and errors within each cluster (ρ = 0.7), which city effects do not absorb.</summary>
    private static RegressionInput SerialCorrelation(int seed, double beta)
    {
        var rng = new Random(seed);
        double N() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        const int g = 8, t = 10;
        var city = new int[g * t];
        var year = new int[g * t];
        var x = new double[g * t];
        var z = new double[g * t];
        var y = new double[g * t];
        for (var c = 0; c < g; c++)
        {
            double alpha = N(), ux = N(), ue = N();
            for (var k = 0; k < t; k++)
            {
                var i = c * t + k;
                ux = 0.7 * ux + N();
                ue = 0.7 * ue + N();
                (city[i], year[i], x[i], z[i]) = (c, k, ux, N());
                y[i] = alpha + 0.1 * k + beta * x[i] + 0.5 * z[i] + ue;
            }
        }
        return new RegressionInput { Y = y, X = [x, z], XNames = ["x", "z"], FixedEffects = [city, year], Cluster = city };
    }

    [Fact]
    public void The_fast_statistic_equals_refitting_the_bootstrap_sample()
    {
        // y* = restricted fit + restricted residual x v_g, refitted by the engine, gives the same t* as the G x G formula.
        var input = SerialCorrelation(3, 0);
        var statistic = WildClusterBootstrap.Prepare("m", input, "x");
        var restricted = FixedEffectsRegression.Fit(input with { X = [input.X[1]], XNames = ["z"] });
        double[] v = [1, -1, 1, 1, -1, -1, 1, -1];
        var ystar = input.Y.Select((y, i) => y - restricted.Residuals[i] + restricted.Residuals[i] * v[input.Cluster![i]]).ToArray();
        var refit = FixedEffectsRegression.Fit(input with { Y = ystar })["x"].T;
        Tolerances.AssertRelative(refit, statistic.T(v, new double[8]), 1e-10, "t*");
    }

    [Fact]
    public void Under_a_true_null_the_p_values_are_roughly_uniform()
    {
        // 40 datasets without an effect of x. Expected rejections at 5%: 2; more than 6 has probability 0.003
        // for an exact test (binomial(40, 0.05)). The mean p of uniform p-values is 0.5 (SD 0.046 over 40).
        var ps = Enumerable.Range(0, 40).Select(s => WildClusterBootstrap.Run($"null{s}", SerialCorrelation(1000 + s, 0), "x", WildWeights.Webb, 399, (ulong)s, 1).P).ToList();
        var rejections = ps.Count(p => p < 0.05);
        Assert.True(rejections <= 6, $"{rejections} of 40 rejections at 5%: {string.Join(", ", ps)}");
        Assert.InRange(ps.Average(), 0.35, 0.65);
        Assert.Contains(ps, p => p < 0.25);
        Assert.Contains(ps, p => p > 0.75);
    }

    [Fact]
    public void With_a_real_effect_the_test_rejects()
    {
        var ps = Enumerable.Range(0, 10).Select(s => WildClusterBootstrap.Run($"alt{s}", SerialCorrelation(2000 + s, 1), "x", WildWeights.Webb, 399, (ulong)s, 1).P).ToList();
        Assert.True(ps.Count(p => p < 0.05) >= 8, string.Join(", ", ps));
    }
}
